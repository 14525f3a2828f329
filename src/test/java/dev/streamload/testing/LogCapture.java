package dev.streamload.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log lines of an in-process run, kept in memory: logback is configured again from {@code
 * logback-test.xml} first (Gatling stops logback when an in-process run ends), then a list appender
 * is attached to one logger and another logger's level is raised until {@link #close}.
 */
public final class LogCapture implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger attachedTo;
  private final Logger raised;
  private final Level previousLevel;

  private LogCapture(String attachTo, String raise, Level level) throws JoranException {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(LogCapture.class.getClassLoader().getResource("logback-test.xml"));
    appender.start();
    attachedTo = (Logger) LoggerFactory.getLogger(attachTo);
    attachedTo.addAppender(appender);
    raised = (Logger) LoggerFactory.getLogger(raise);
    previousLevel = raised.getLevel();
    raised.setLevel(level);
  }

  /**
   * Captures what reaches logger {@code attachTo} (e.g. {@link org.slf4j.Logger#ROOT_LOGGER_NAME}),
   * with logger {@code raise} at {@code level}.
   */
  public static LogCapture start(String attachTo, String raise, Level level) throws JoranException {
    return new LogCapture(attachTo, raise, level);
  }

  /** The lines captured so far. */
  public List<ILoggingEvent> events() {
    return appender.list;
  }

  @Override
  public void close() {
    attachedTo.detachAppender(appender);
    raised.setLevel(previousLevel);
  }
}
