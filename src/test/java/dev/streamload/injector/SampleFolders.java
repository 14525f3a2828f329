package dev.streamload.injector;

import dev.streamload.metrics.RunState;
import dev.streamload.metrics.SplitRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Run folders of injectors that shared {@link SplitRuns}' run, written as real injectors would. */
public final class SampleFolders {

  /** The common start instant of the sample injectors. */
  public static final Instant START_AT = Instant.ofEpochMilli(1_700_000_000_000L);

  private SampleFolders() {}

  /** Injector {@code index}'s report of the split run. */
  public static InjectorReport report(SplitRuns.Split split, int index, List<String> problems) {
    int count = split.parts().size();
    RunState state = split.parts().get(index);
    return new InjectorReport(
        "ChatStreamSimulation",
        "staircase: 3.00 -> 9.00 new streams/s in 3 level(s) of 10s, 1 stream(s) per user",
        index,
        count,
        Optional.of(START_AT),
        2.5,
        SplitRuns.plan(count),
        SplitRuns.plan(1),
        Map.of("base_url", "http://127.0.0.1:8089", "client_sockets_open_at_end", "0"),
        state,
        problems);
  }

  /** Writes every injector's folder below {@code dir} ({@code injector-<i>}); returns them. */
  public static List<Path> write(Path dir, SplitRuns.Split split) {
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < split.parts().size(); i++) {
      out.add(write(dir.resolve("injector-" + i), report(split, i, List.of())));
    }
    return out;
  }

  /** Writes one report into {@code folder}; returns the folder. */
  public static Path write(Path folder, InjectorReport report) {
    try {
      InjectorFiles.write(folder, report);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return folder;
  }
}
