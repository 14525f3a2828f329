package dev.streamload.chains;

import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.streamload.config.InjectorConfig;
import dev.streamload.config.LoadConfig;
import dev.streamload.config.LoadProfile;
import dev.streamload.run.StreamloadRun;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * What one virtual user does: its identity chain (chat dialect), then its turns, each a prompt from
 * the feeder streamed to its end. Open profiles run {@code chat.turns} turns; the concurrency
 * profile loops until {@code concurrency.duration} has passed.
 */
public final class ChatScenario {

  private ChatScenario() {}

  /** Login, conversation, then streamed turns in that conversation. */
  public static ScenarioBuilder chat(StreamloadRun run) {
    return scenario("chat")
        .exec(arrival(run))
        .feed(accounts(run))
        .exec(Identity.chain(run))
        .exec(turns(run, ChatStream.chat(run)));
  }

  /**
   * The accounts, in turn; an injector that shares the load with others takes only its own rows
   * (row i goes to injector i % injector.count), so no two injectors log in with one account. On
   * Gatling Enterprise, {@code shard()} splits the rows among its load generators likewise (a no-op
   * elsewhere).
   */
  static FeederBuilder<?> accounts(StreamloadRun run) {
    InjectorConfig injector = run.config().injector();
    if (!injector.shared()) {
      return csv(run.config().accountsFeeder()).shard().circular();
    }
    return listFeeder(injector.rowsOf(csv(run.config().accountsFeeder()).readRecords())).circular();
  }

  /** OpenAI-compatible streamed completions, no identity chain. */
  public static ScenarioBuilder openAi(StreamloadRun run) {
    return scenario("openai").exec(arrival(run)).exec(turns(run, ChatStream.openAi(run)));
  }

  /**
   * The user's arrival; after {@code slo.stopOnMiss} saw a step miss, a user leaves at once, and
   * the first to arrive once no stream is in flight stops the load generator.
   */
  static ChainBuilder arrival(StreamloadRun run) {
    ChainBuilder arrived = exec(run::userArrived);
    if (!run.config().slo().stopOnMiss()) {
      return arrived;
    }
    return arrived
        .exec(stopLoadGeneratorIf(s -> run.stopMessage(), s -> run.stopNow()))
        .exitHereIf(s -> run.stopping());
  }

  static ChainBuilder turns(StreamloadRun run, ChainBuilder stream) {
    LoadConfig load = run.config().load();
    ChainBuilder turn =
        feed(csv(run.config().promptsFeeder()).circular()).exec(stream).pause(load.thinkTime());
    if (load.profile() == LoadProfile.CONCURRENCY) {
      // Closed model: each user keeps one stream in flight until the duration is over. The
      // duration is checked between turns only (exitASAP = false): Gatling's default would leave
      // mid-turn, skipping the accounting and the close of the stream in flight.
      return during(load.duration(), false).on(turn);
    }
    return repeat(load.turns()).on(turn);
  }
}
