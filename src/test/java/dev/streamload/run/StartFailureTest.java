package dev.streamload.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.streamload.config.ConfigException;
import org.junit.jupiter.api.Test;

class StartFailureTest {

  @Test
  void anInProcessCallerGetsTheExceptionInsteadOfAnExitingJvm() {
    ConfigException e = new ConfigException("staircase.startRate = '0': expected a number");

    assertFalse(StartFailure.gatlingMainRunsThisThread(), "JUnit, not Gatling's main, runs here");
    assertSame(e, StartFailure.stop(e));
  }
}
