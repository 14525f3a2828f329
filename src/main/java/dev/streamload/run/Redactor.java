package dev.streamload.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Removes the run's own secrets from text the server wrote (an error event, an error body) before
 * it becomes a failure detail: the API key, the values of {@code target.headers}, and per user the
 * password of the account and the token the login returned. A careless server echoes them back
 * ("invalid token tok-123 for alice"), in forms no pattern can foresee, so every known value is
 * replaced wherever it appears. Pattern masking ({@code Details}) still runs afterwards.
 */
final class Redactor {

  /** Shorter values are not replaced (they would match ordinary text). */
  static final int MIN_SECRET_CHARS = 4;

  static final String MASK = "***";

  private final List<String> runSecrets;

  /** A redactor for secrets known for the whole run (null or short values are ignored). */
  Redactor(Collection<String> runSecrets) {
    this.runSecrets = usable(runSecrets);
  }

  /** {@code text} with the run's secrets and {@code userSecrets} replaced; null stays null. */
  String redact(String text, String... userSecrets) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : runSecrets) {
      out = out.replace(secret, MASK);
    }
    for (String secret : userSecrets) {
      if (secret != null && secret.length() >= MIN_SECRET_CHARS) {
        out = out.replace(secret, MASK);
      }
    }
    return out;
  }

  private static List<String> usable(Collection<String> values) {
    List<String> out = new ArrayList<>();
    for (String v : values) {
      if (v != null && v.length() >= MIN_SECRET_CHARS) {
        out.add(v);
      }
    }
    // Longest first, so a secret that contains another is replaced whole.
    out.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return List.copyOf(out);
  }
}
