package dev.streamload.chains;

import static io.gatling.javaapi.core.CoreDsl.asLongAs;
import static io.gatling.javaapi.core.CoreDsl.csv;
import static io.gatling.javaapi.core.CoreDsl.doIfOrElse;
import static io.gatling.javaapi.core.CoreDsl.during;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.feed;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.repeat;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.stopLoadGeneratorIf;

import dev.streamload.api.ApiProfile;
import dev.streamload.api.History;
import dev.streamload.api.RequestTemplate;
import dev.streamload.api.Template;
import dev.streamload.api.Values;
import dev.streamload.config.ApiConfig;
import dev.streamload.config.InjectorConfig;
import dev.streamload.config.LoadConfig;
import dev.streamload.config.LoadProfile;
import dev.streamload.config.PromptSource;
import dev.streamload.gatling.BatchedRows;
import dev.streamload.run.StreamloadRun;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.FeederBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Session;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What one virtual user does, as the API profile says: its identity chain (login and conversation,
 * each optional), then its turns, each a prompt from the prompt source streamed to its end. Open
 * profiles run {@code chat.turns} turns; the concurrency profile loops until {@code
 * concurrency.duration} has passed.
 */
public final class ChatScenario {

  private ChatScenario() {}

  /** The profile's identity steps, then streamed turns (in one conversation, if it has one). */
  public static ScenarioBuilder chat(StreamloadRun run) {
    ApiProfile profile = run.config().api().profile();
    ChainBuilder user = arrival(run);
    if (profile.login().isPresent()) {
      user = user.feed(accounts(run));
    }
    user =
        user.exec(userValues(run))
            .exec(Identity.chain(run))
            .exec(turns(run, ChatStream.chat(run), arraysRead(profile.chat())));
    return scenario(profile.preset().map(ChatScenario::scenarioName).orElse("chat"))
        .exec(new BatchedRows(user));
  }

  /** The scenario's name: the preset's, or the file name of a preset file. */
  static String scenarioName(String preset) {
    String name = preset.replaceAll(".*[/\\\\]", "").replaceAll("\\.conf$", "");
    return name.equals("openai-chat") ? "openai" : name;
  }

  /**
   * The values every template can read for this user: model, maxTokens, includeUsage, a user name,
   * the turn counter and the conversation history.
   */
  static ChainBuilder userValues(StreamloadRun run) {
    ApiConfig api = run.config().api();
    int historyTurns = api.profile().historyTurns();
    return exec(
        s ->
            s.set(Values.MODEL, api.model())
                .set(Values.MAX_TOKENS, api.maxTokensValue())
                .set(Values.INCLUDE_USAGE, api.includeUsage())
                .set(
                    Values.USER,
                    s.contains(Values.USERNAME)
                        ? s.getString(Values.USERNAME)
                        : "streamload-" + s.userId())
                .set(Values.TURN, 0)
                .set(Keys.HISTORY, new History(historyTurns)));
  }

  /**
   * Before each turn: the turn number, the prompt's size and, of the message arrays with the
   * history ({@code messages}, {@code contents}), those in {@code arrays}: each is a JSON document
   * built for every turn, so a request that reads neither builds none.
   */
  private static Function<Session, Session> prepareTurn(Set<String> arrays) {
    boolean messages = arrays.contains(Values.MESSAGES);
    boolean contents = arrays.contains(Values.CONTENTS);
    return s -> {
      String prompt = s.getString(Values.PROMPT);
      History history = s.get(Keys.HISTORY);
      Session next =
          s.set(Values.TURN, s.getInt(Values.TURN) + 1).set(Values.PROMPT_CHARS, prompt.length());
      if (messages) {
        next = next.set(Values.MESSAGES, history.messages(prompt));
      }
      if (contents) {
        next = next.set(Values.CONTENTS, history.contents(prompt));
      }
      return next;
    };
  }

  /** The message arrays the stream request's templates (path, headers, query, body) read. */
  static Set<String> arraysRead(RequestTemplate stream) {
    return arraysRead(stream.templates());
  }

  /** The message arrays ({@code messages}, {@code contents}) any of {@code templates} reads. */
  static Set<String> arraysRead(List<Template> templates) {
    Set<String> read = new HashSet<>();
    for (Template t : templates) {
      read.addAll(t.references());
    }
    read.retainAll(Set.of(Values.MESSAGES, Values.CONTENTS));
    return Set.copyOf(read);
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

  /** The same scenario (kept for simulations that name the OpenAI one). */
  public static ScenarioBuilder openAi(StreamloadRun run) {
    return chat(run);
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
        .doIf(s -> run.stopNow())
        .then(
            // Gatling stops its writers at once: the rows still queued go to them first.
            exec(BatchedRows.handedOver())
                .exec(stopLoadGeneratorIf(s -> run.stopMessage(), s -> run.stopNow())))
        .exitHereIf(s -> run.stopping());
  }

  /** A loopback warm-up user runs the identity chain before every this many turns. */
  static final int WARM_UP_IDENTITY_EVERY = 4;

  /**
   * What a loopback warm-up user does: the values every template reads and a made-up token and
   * conversation id, then turns of {@code stream} with the run's prompts and no think time for as
   * long as {@code keepGoing} says so (checked between turns); after each turn the user waits what
   * {@code pace} says (the JIT compiler's pace, zero when it keeps up). With {@code identity} (the
   * warm-up's identity chain, {@link Identity#warmUp}) the turns {@link #identityTurn} picks first
   * run it with the next account, and a turn whose identity step failed skips its stream.
   */
  public static ChainBuilder warmUpTurns(
      StreamloadRun run,
      ChainBuilder identity,
      ChainBuilder stream,
      java.util.function.BooleanSupplier keepGoing,
      Supplier<Duration> pace) {
    ChainBuilder turn =
        feed(prompts(run))
            .exec(prepareTurn(arraysRead(run.config().api().profile().chat())))
            .exec(stream);
    if (identity != null) {
      ChainBuilder steps =
          run.config().api().profile().login().isPresent()
              ? feed(accounts(run)).exec(identity)
              : identity;
      ChainBuilder identityThenStream =
          steps.doIfOrElse(Session::isFailed).then(exec(Session::markAsSucceeded)).orElse(turn);
      turn =
          doIfOrElse(s -> identityTurn(s.getInt(Values.TURN)))
              .then(identityThenStream)
              .orElse(turn);
    }
    return exec(s -> s.set(Keys.TOKEN, "warm-up").set(Keys.CONVERSATION_ID, "warm-up"))
        .exec(userValues(run))
        .exec(asLongAs(s -> keepGoing.getAsBoolean()).on(exec(turn).pause(s -> pace.get())));
  }

  /**
   * Whether a warm-up user runs the identity chain before the turn after {@code turnsDone}: the
   * first turn and every {@link #WARM_UP_IDENTITY_EVERY}th after it. The load's users stream far
   * more often than they log in, and the warm-up's time goes where theirs will.
   */
  static boolean identityTurn(int turnsDone) {
    return turnsDone % WARM_UP_IDENTITY_EVERY == 0;
  }

  private static FeederBuilder<?> prompts(StreamloadRun run) {
    PromptSource prompts = run.config().prompts();
    return prompts.csv().isPresent()
        ? csv(prompts.csv().get()).circular()
        : listFeeder(prompts.rows()).circular();
  }

  /**
   * The user's turns of {@code stream}.
   *
   * @param arrays the message arrays ({@link Values#MESSAGES}, {@link Values#CONTENTS}) the
   *     stream's requests read, built before each turn
   */
  static ChainBuilder turns(StreamloadRun run, ChainBuilder stream, Set<String> arrays) {
    LoadConfig load = run.config().load();
    FeederBuilder<?> feeder = prompts(run);
    ChainBuilder turn = feed(feeder).exec(prepareTurn(arrays)).exec(stream).pause(load.thinkTime());
    if (load.profile() == LoadProfile.CONCURRENCY) {
      // Closed model: each user keeps one stream in flight until the duration is over. The
      // duration is checked between turns only (exitASAP = false): Gatling's default would leave
      // mid-turn, skipping the accounting and the close of the stream in flight.
      return during(load.duration(), false).on(turn);
    }
    return repeat(load.turns()).on(turn);
  }
}
