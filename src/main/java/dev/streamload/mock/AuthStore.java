package dev.streamload.mock;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Accounts, issued tokens and conversations of one mock server; safe to use from any thread. */
final class AuthStore {

  private static final int TOKEN_BYTES = 24;

  private final Map<String, String> accounts;
  private final byte[] apiKey;
  private final SecureRandom random = new SecureRandom();
  private final ConcurrentHashMap<String, String> userByToken = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, String> ownerByConversation = new ConcurrentHashMap<>();
  private final AtomicLong conversationSequence = new AtomicLong();

  AuthStore(Map<String, String> accounts, String apiKey) {
    this.accounts = Map.copyOf(accounts);
    this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
  }

  /** Issues a new opaque token when the password matches, else empty. */
  Optional<String> login(String username, String password) {
    String expected = accounts.get(username);
    if (expected == null || password.isEmpty() || !constantTimeEquals(expected, password)) {
      return Optional.empty();
    }
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    userByToken.put(token, username);
    return Optional.of(token);
  }

  /** The user a bearer token was issued to, empty for an unknown token. */
  Optional<String> userForToken(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(userByToken.get(token));
  }

  /** Creates a conversation owned by the user and returns its id, e.g. {@code conv-1}. */
  String createConversation(String username) {
    String id = "conv-" + conversationSequence.incrementAndGet();
    ownerByConversation.put(id, username);
    return id;
  }

  /** Whether the conversation exists and belongs to the user. */
  boolean ownsConversation(String username, String conversationId) {
    return conversationId != null && username.equals(ownerByConversation.get(conversationId));
  }

  /** Whether the key equals the configured OpenAI-dialect API key. */
  boolean isApiKey(String key) {
    return key != null && MessageDigest.isEqual(apiKey, key.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
