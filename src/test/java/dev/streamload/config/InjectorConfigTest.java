package dev.streamload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamload.config.RunConfig.Dialect;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InjectorConfigTest {

  private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

  private static InjectorConfig read(Map<String, String> props) {
    Settings s = new Settings(props, Map.of());
    InjectorConfig c = InjectorConfig.read(s, NOW);
    s.throwIfInvalid();
    return c;
  }

  private static String problem(Map<String, String> props) {
    return assertThrows(ConfigException.class, () -> read(props)).getMessage();
  }

  private static RunConfig runConfig(Map<String, String> props) {
    return RunConfig.read(new Settings(props, Map.of()), Dialect.CHAT);
  }

  @Test
  void aloneByDefaultAndTheLoadIsUnchanged() {
    RunConfig config = runConfig(Map.of("smoke.users", "7"));
    assertFalse(config.injector().shared());
    assertEquals(config.wholeLoad(), config.load());
    assertEquals("", config.injector().requestIdPrefix());
  }

  @Test
  void usersAreDividedWithTheRemainderToTheFirstInjectors() {
    assertEquals(List.of(4, 3, 3), shares(10, 3));
    assertEquals(List.of(1, 1, 0, 0), shares(2, 4));
    for (int total : new int[] {1, 7, 10, 99, 100, 101}) {
      for (int count = 1; count <= 7; count++) {
        assertEquals(
            total,
            shares(total, count).stream().mapToInt(Integer::intValue).sum(),
            total + " over " + count);
      }
    }
  }

  private static List<Integer> shares(int total, int count) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(new InjectorConfig(i, count, Optional.empty()).usersShare(total));
    }
    return out;
  }

  @Test
  void theSharesOfAStaircaseAddUpToTheWholeRates() {
    Map<String, String> props = new HashMap<>();
    props.put("profile", "staircase");
    props.put("staircase.startRate", "5");
    props.put("staircase.stepRate", "2");
    props.put("injector.count", "3");
    double start = 0;
    double step = 0;
    for (int i = 0; i < 3; i++) {
      props.put("injector.index", Integer.toString(i));
      LoadConfig share = runConfig(props).load();
      start += share.startRate();
      step += share.stepRate();
      assertEquals(5.0 / 3, share.startRate(), 1e-12);
    }
    assertEquals(5, start, 1e-9);
    assertEquals(2, step, 1e-9);
  }

  @Test
  void smokeAndConcurrencyUsersAreShared() {
    RunConfig smoke =
        runConfig(Map.of("smoke.users", "10", "injector.count", "3", "injector.index", "0"));
    assertEquals(4, smoke.load().smokeUsers());
    assertEquals(10, smoke.wholeLoad().smokeUsers());
    RunConfig closed =
        runConfig(
            Map.of(
                "profile",
                "concurrency",
                "concurrency.users",
                "10",
                "injector.count",
                "3",
                "injector.index",
                "2"));
    assertEquals(3, closed.load().users());
    assertEquals(closed.wholeLoad().duration(), closed.load().duration());
  }

  @Test
  void feederRowsAreDisjointAndEveryRowHasAnInjector() {
    List<Integer> rows = IntStream.range(0, 100).boxed().toList();
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < 3; i++) {
      List<Integer> mine = new InjectorConfig(i, 3, Optional.empty()).rowsOf(rows);
      for (int row : mine) {
        assertEquals(i, row % 3);
        assertTrue(seen.add(row), "row " + row + " twice");
      }
    }
    assertEquals(100, seen.size());
  }

  @Test
  void requestIdsOfASharedLoadStartWithTheInjector() {
    assertEquals("i2-", new InjectorConfig(2, 3, Optional.empty()).requestIdPrefix());
  }

  @Test
  void theStartInstantIsReadAsIso8601OrEpochMilliseconds() {
    assertEquals(
        Optional.of(Instant.parse("2025-06-01T12:01:00Z")),
        read(Map.of("injector.startAt", "2025-06-01T12:01:00Z")).startAt());
    assertEquals(
        Optional.of(Instant.parse("2025-06-01T12:01:00Z")),
        read(Map.of("injector.startAt", "2025-06-01T14:01:00+02:00")).startAt());
    assertEquals(
        Optional.of(NOW.plusSeconds(30)),
        read(Map.of("injector.startAt", Long.toString(NOW.plusSeconds(30).toEpochMilli())))
            .startAt());
  }

  @Test
  void aStartInstantTooFarFromNowIsRefusedNamingTheProperty() {
    Instant future = NOW.plus(InjectorConfig.MAX_START_DISTANCE).plus(Duration.ofSeconds(1));
    String e = problem(Map.of("injector.startAt", future.toString()));
    assertTrue(e.contains("injector.startAt = '" + future + "'"), e);
    assertTrue(e.contains("within 10m of now"), e);
    Instant past = NOW.minus(Duration.ofMinutes(11));
    assertTrue(problem(Map.of("injector.startAt", past.toString())).contains("within 10m"));
  }

  @Test
  void anUnreadableStartInstantIsRefusedNamingTheProperty() {
    String e = problem(Map.of("injector.startAt", "tomorrow"));
    assertTrue(e.contains("injector.startAt = 'tomorrow': expected an ISO-8601 instant"), e);
  }

  @Test
  void anIndexOutsideTheCountIsRefused() {
    String e = problem(Map.of("injector.count", "3", "injector.index", "3"));
    assertTrue(e.contains("injector.index = '3'"), e);
    assertTrue(e.contains("injector.count - 1 = 2"), e);
    assertTrue(problem(Map.of("injector.index", "1")).contains("injector.index = '1'"));
    assertTrue(problem(Map.of("injector.count", "0")).contains("injector.count = '0'"));
  }

  @Test
  void moreInjectorsThanUsersIsRefused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> runConfig(Map.of("smoke.users", "2", "injector.count", "3")));
    assertTrue(
        e.getMessage().contains("injector.count = '3': expected at most smoke.users = 2"),
        e.getMessage());
  }

  @Test
  void moreInjectorsThanAccountsIsRefused() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                runConfig(
                    Map.of(
                        "profile", "staircase", "injector.count", "101", "injector.index", "0")));
    assertTrue(
        e.getMessage().contains("expected at most 100, the number of accounts in feeder.accounts"),
        e.getMessage());
  }
}
