package dev.streamload.run;

import dev.streamload.config.ConfigException;

/**
 * A run that cannot start (invalid settings, unreachable target): the problem is said once, with no
 * stack trace, and the JVM exits with {@link #EXIT_CODE} before any load.
 *
 * <p>Gatling creates the simulation inside its own main method; an exception thrown from there is
 * printed twice with its stack trace (by Gatling, then by the Maven plugin's launcher). So when
 * Gatling's main runs this JVM, which would exit after the failure anyway, the message is printed
 * and the JVM exits at once. A caller that runs Gatling in-process (tests) gets the exception.
 */
final class StartFailure {

  /** Exit status of a run stopped by a configuration problem (Gatling uses 2 for failed SLOs). */
  static final int EXIT_CODE = 1;

  private static final String GATLING_MAIN = "io.gatling.app.Gatling";

  private StartFailure() {}

  /**
   * Prints {@code e} and exits when Gatling's main runs this JVM; otherwise returns {@code e} for
   * the caller to throw.
   */
  static ConfigException stop(ConfigException e) {
    if (gatlingMainRunsThisThread()) {
      System.err.println(e.getMessage());
      System.err.flush();
      System.exit(EXIT_CODE);
    }
    return e;
  }

  /** True when Gatling's own {@code main} is on this thread's stack (not an in-process caller). */
  static boolean gatlingMainRunsThisThread() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames.anyMatch(
                    f ->
                        f.getMethodName().equals("main")
                            && (f.getClassName().equals(GATLING_MAIN)
                                || f.getClassName().equals(GATLING_MAIN + "$"))));
  }
}
