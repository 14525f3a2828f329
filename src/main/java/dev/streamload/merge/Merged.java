package dev.streamload.merge;

import dev.streamload.metrics.RunSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * The result of a merge.
 *
 * @param summary the merged run, as one client would have reported the whole load
 * @param folders the run folders merged, in injector order
 */
public record Merged(RunSummary summary, List<Path> folders) {

  /** Copies the list. */
  public Merged {
    folders = List.copyOf(folders);
  }
}
