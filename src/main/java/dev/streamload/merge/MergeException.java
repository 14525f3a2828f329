package dev.streamload.merge;

/** Input the merge refuses: the message names the folder (or folders) and what is wrong. */
public final class MergeException extends Exception {

  private static final long serialVersionUID = 1L;

  public MergeException(String message) {
    super(message);
  }

  public MergeException(String message, Throwable cause) {
    super(message, cause);
  }
}
