package dev.streamload.gatling;

import io.gatling.core.action.Action;
import io.gatling.core.action.ActorDelegatingAction;
import io.gatling.core.actor.ActorRef;
import io.gatling.core.session.Session;
import io.gatling.core.stats.StatsEngine;
import io.gatling.core.structure.ScenarioContext;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.concurrent.Promise;
import scala.concurrent.duration.FiniteDuration;

/**
 * A chain whose report rows reach Gatling's data writers in batches, at most one hand-over every
 * {@link #FLUSH_DELAY_MILLIS} ms, instead of one per row.
 *
 * <p>Why: Gatling's data writers are actors on a thread pool that goes to sleep whenever their
 * mailboxes are empty, and a row logged from an event loop wakes it again. A stream logs about
 * eight rows at four moments, so at 500 streams the pool thread was woken 3,500 times a second, and
 * on a client pinned to one core each wake-up took the core from the event loops
 * (docs/benchmark.md, "Fewer wake-ups"). Here a row is only queued where it is logged; one pool
 * task later hands every queued row to Gatling's engine, whose writers then run on that same busy
 * thread without being woken for each. A row keeps its own start and end times, so the report is
 * the same; only the hand-over is later.
 *
 * <p>What must not be lost: a row queued when Gatling stops its writers. Gatling stops them once
 * the last user has ended, so this chain's users leave through a gate that lets them go only after
 * every row queued before them was handed over; the chain's own exits ({@code exitHere...}) get the
 * same gate. Rows of a run stopped from outside (a crash, a stop of the load generator from another
 * scenario) can still be in the queue, at most the last {@link #FLUSH_DELAY_MILLIS} ms of them.
 *
 * <p>How: as {@link QuietSseRows}, the chain is built with a {@link ScenarioContext} whose {@link
 * StatsEngine} is a proxy (this one queues every {@code log*} call) and whose exit is the gate.
 * Rows that Gatling's HTTP requests write through their protocol's components do not pass here and
 * go to the writers as before. Internal API of Gatling 3.16.0, tested by {@code BatchedRowsTest}.
 */
public final class BatchedRows implements ActionBuilder {

  /**
   * How long a queued row may wait for its hand-over, in milliseconds: short against the console's
   * 5 s summaries and a user's exit, long against the rows a second of load writes.
   */
  public static final long FLUSH_DELAY_MILLIS = 20;

  /** The gate's name in Gatling's logs. */
  private static final String GATE_NAME = "streamload rows handed over";

  private final ChainBuilder chain;

  public BatchedRows(ChainBuilder chain) {
    this.chain = chain;
  }

  @Override
  public io.gatling.core.action.builder.ActionBuilder asScala() {
    io.gatling.core.structure.ChainBuilder inner = chain.wrapped;
    return new io.gatling.core.action.builder.ActionBuilder() {
      @Override
      public Action build(ScenarioContext ctx, Action next) {
        Batch batch =
            new Batch(
                ctx.coreComponents().statsEngine(),
                ctx.coreComponents().actorSystem().executionContext(),
                FLUSH_DELAY_MILLIS);
        ScenarioContext batched =
            StatsEngines.withEngine(ctx, batch.engine(), batch.gate(ctx.coreComponents().exit()));
        return inner.build(batched, batch.gate(next));
      }
    };
  }

  /**
   * A step of a {@link BatchedRows} chain that lets a user go on only once every row queued before
   * it was handed over: before a step that stops the run (Gatling stops its writers at once). In a
   * chain that is not batched it does nothing.
   */
  public static ActionBuilder handedOver() {
    return () ->
        new io.gatling.core.action.builder.ActionBuilder() {
          @Override
          public Action build(ScenarioContext ctx, Action next) {
            Batch batch = Batch.of(ctx.coreComponents().statsEngine());
            return batch == null ? next : batch.gate(next);
          }
        };
  }

  /** The queue of one built chain: its rows, its users waiting at the gate, its hand-overs. */
  static final class Batch {

    private static final Logger LOG = LoggerFactory.getLogger(BatchedRows.class);

    private final StatsEngine delegate;
    private final Executor pool;
    private final long delayMillis;
    private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverDue = new AtomicBoolean();
    private final Object handingOver = new Object();

    /**
     * @param delegate Gatling's engine, which gets every row
     * @param pool where the hand-over runs: Gatling's actor pool, which runs the writers
     * @param delayMillis how long a row logged on an event loop may wait for its hand-over
     */
    Batch(StatsEngine delegate, Executor pool, long delayMillis) {
      this.delegate = delegate;
      this.pool = pool;
      this.delayMillis = delayMillis;
    }

    /**
     * An engine that queues every {@code log*} call for the next hand-over; {@code stop} hands the
     * queue over first, the other calls go straight through.
     */
    StatsEngine engine() {
      return (StatsEngine)
          Proxy.newProxyInstance(
              StatsEngine.class.getClassLoader(),
              new Class<?>[] {StatsEngine.class},
              new Queuing(this));
    }

    /** The batch behind {@code engine} when it is a batch's {@link #engine()}, else null. */
    static Batch of(StatsEngine engine) {
      return Proxy.isProxyClass(engine.getClass())
              && Proxy.getInvocationHandler(engine) instanceof Queuing queuing
          ? queuing.batch
          : null;
    }

    /**
     * An action that passes a user on to {@code next} once every row queued before it has been
     * handed over (at the next hand-over, on Gatling's own path back to the user's event loop).
     */
    Action gate(Action next) {
      return new ActorDelegatingAction(
          GATE_NAME, new Gate(session -> queue(() -> next.$bang(session))));
    }

    /** A queued call, made at the hand-over: what it throws is logged there, not thrown. */
    void forwardQueued(Method method, Object[] args) {
      try {
        method.invoke(delegate, args);
      } catch (InvocationTargetException e) {
        LOG.warn("Gatling refused a report row: {}", e.getCause().toString());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Queues {@code task} and makes sure a hand-over follows within the delay. */
    void queue(Runnable task) {
      pending.offer(task);
      if (handOverDue.compareAndSet(false, true)) {
        EventExecutor loop = ThreadExecutorMap.currentExecutor();
        if (loop == null) {
          // Not on an event loop (the pool itself, a test): nothing to spare by waiting.
          submit();
          return;
        }
        try {
          loop.schedule(this::submit, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          submit();
        }
      }
    }

    private void submit() {
      try {
        pool.execute(this::handOver);
      } catch (RejectedExecutionException e) {
        // Gatling's actor system is closed: the run is over, nothing is woken any more.
        handOver();
      }
    }

    /**
     * Hands every queued row to Gatling's engine and lets the waiting users go, in the order they
     * were queued. One hand-over at a time: {@code stop} must find the queue handed over.
     */
    void handOver() {
      synchronized (handingOver) {
        // Cleared before the queue is read: a row queued from now on schedules the next one.
        handOverDue.set(false);
        Runnable task;
        while ((task = pending.poll()) != null) {
          try {
            task.run();
          } catch (RuntimeException e) {
            LOG.warn("a report row could not be handed to Gatling: {}", e.toString());
          }
        }
      }
    }
  }

  /** The engine's calls: {@code log*} queued, {@code stop} after a hand-over, the rest direct. */
  private static final class Queuing implements InvocationHandler {

    private final Batch batch;

    Queuing(Batch batch) {
      this.batch = batch;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      Object answer = StatsEngines.objectMethod(proxy, method, args, "BatchedRows", batch.delegate);
      if (answer != StatsEngines.NOT_AN_OBJECT_METHOD) {
        return answer;
      }
      if (method.getName().startsWith("log") && method.getReturnType() == void.class) {
        batch.queue(() -> batch.forwardQueued(method, args));
        return null;
      }
      if (method.getName().equals("stop")) {
        batch.handOver();
      }
      try {
        return method.invoke(batch.delegate, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  /** The gate's mailbox: Gatling delivers the user's session here instead of to an actor. */
  private static final class Gate implements ActorRef<Session> {

    private final java.util.function.Consumer<Session> onSession;

    Gate(java.util.function.Consumer<Session> onSession) {
      this.onSession = onSession;
    }

    @Override
    public void $bang(Session session) {
      onSession.accept(session);
    }

    @Override
    public String name() {
      return GATE_NAME;
    }

    @Override
    public <R> Promise<R> replyPromise(FiniteDuration timeout) {
      throw new UnsupportedOperationException("the gate answers nothing");
    }
  }
}
