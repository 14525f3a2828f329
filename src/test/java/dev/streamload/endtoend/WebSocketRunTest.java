package dev.streamload.endtoend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamload.simulations.WebSocketChatSimulation;
import dev.streamload.testing.GatlingRun;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebSocketRunTest {

  @TempDir Path dir;

  @Test
  void jsonShapeCompletesEveryTurn() {
    Map<String, String> settings = new HashMap<>();
    settings.put("profile", "smoke");
    settings.put("smoke.users", "3");
    settings.put("chat.turns", "2");
    settings.put("mock.ttftMs", "50");
    settings.put("mock.fragments", "5");
    settings.put("mock.gapMs", "10");
    GatlingRun.Result run = GatlingRun.run(WebSocketChatSimulation.class, settings, dir);
    System.err.println(run.summary().path("totals"));
    System.err.println(run.streams());
    System.err.println(run.mock());
    assertEquals(6, run.streams("completed"), run.summary().toString());
  }
}
