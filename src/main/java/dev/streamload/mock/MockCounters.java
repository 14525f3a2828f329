package dev.streamload.mock;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of what the mock served, for assertions in tests and {@code /admin/stats}. */
public final class MockCounters {

  /**
   * Request ids kept per generation for duplicate detection; two generations are kept, so memory
   * stays bounded on long runs while replays within a generation or the next are still caught.
   */
  static final int REQUEST_ID_GENERATION_SIZE = 500_000;

  /** Most accounts whose logins and streams are counted one by one; beyond, they are not. */
  static final int MAX_ACCOUNTS = 10_000;

  /** Most client tags counted per account; beyond, streams count under {@link #OTHER_TAG}. */
  static final int MAX_TAGS_PER_ACCOUNT = 16;

  /** The tag that counts an account's streams beyond {@link #MAX_TAGS_PER_ACCOUNT} tags. */
  static final String OTHER_TAG = "(other)";

  private final EnumMap<MockEndpoint, LongAdder> requests = new EnumMap<>(MockEndpoint.class);
  private final EnumMap<Fault, LongAdder> faults = new EnumMap<>(Fault.class);
  private final LongAdder loginFailures = new LongAdder();
  private final LongAdder badRequests = new LongAdder();
  private volatile String lastBadRequest = "";
  private final LongAdder streamsStarted = new LongAdder();
  private final LongAdder streamsCompleted = new LongAdder();
  private final LongAdder streamsAbortedByClient = new LongAdder();
  private final LongAdder eventsWritten = new LongAdder();
  private final LongAdder duplicateRequestIds = new LongAdder();
  private final LongAdder connectionsAccepted = new LongAdder();
  private final AtomicLong openConnections = new AtomicLong();
  private final AtomicLong peakOpenConnections = new AtomicLong();
  private final Object requestIdLock = new Object();
  private final ConcurrentHashMap<String, LongAdder> loginsByAccount = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, LongAdder>> streamsByAccount =
      new ConcurrentHashMap<>();
  private volatile Set<String> currentRequestIds = ConcurrentHashMap.newKeySet();
  private volatile Set<String> previousRequestIds = ConcurrentHashMap.newKeySet();

  /** Creates counters that all start at zero. */
  public MockCounters() {
    for (MockEndpoint endpoint : MockEndpoint.values()) {
      requests.put(endpoint, new LongAdder());
    }
    for (Fault fault : Fault.values()) {
      faults.put(fault, new LongAdder());
    }
  }

  void requestReceived(MockEndpoint endpoint) {
    requests.get(endpoint).increment();
  }

  /** Counts a successful login of {@code account}. */
  void loggedIn(String account) {
    if (loginsByAccount.size() < MAX_ACCOUNTS || loginsByAccount.containsKey(account)) {
      loginsByAccount.computeIfAbsent(account, k -> new LongAdder()).increment();
    }
  }

  /**
   * Counts a stream of {@code account} under its client tag: the request id up to its first '-'
   * (streamload starts its request ids with the injector, e.g. {@code i2-}).
   */
  void accountStreamed(String account, String requestId) {
    if (streamsByAccount.size() >= MAX_ACCOUNTS && !streamsByAccount.containsKey(account)) {
      return;
    }
    ConcurrentHashMap<String, LongAdder> tags =
        streamsByAccount.computeIfAbsent(account, k -> new ConcurrentHashMap<>());
    String tag = clientTag(requestId);
    LongAdder n = tags.get(tag);
    if (n == null) {
      synchronized (tags) { // new tags only: a few per account
        n = tags.get(tag);
        if (n == null) {
          n =
              tags.computeIfAbsent(
                  tags.size() >= MAX_TAGS_PER_ACCOUNT ? OTHER_TAG : tag, k -> new LongAdder());
        }
      }
    }
    n.increment();
  }

  /** The request id up to its first '-' (the whole id without one), at most 32 chars. */
  static String clientTag(String requestId) {
    int dash = requestId.indexOf('-');
    String tag = dash < 0 ? requestId : requestId.substring(0, dash);
    return tag.length() > 32 ? tag.substring(0, 32) : tag;
  }

  void loginFailed() {
    loginFailures.increment();
  }

  /** Counts a request the mock answered 400 on its own (not an injected fault), and why. */
  void badRequest(String why) {
    badRequests.increment();
    lastBadRequest = why;
  }

  void faultInjected(Fault fault) {
    faults.get(fault).increment();
  }

  void streamStarted() {
    streamsStarted.increment();
  }

  void streamCompleted() {
    streamsCompleted.increment();
  }

  void streamAbortedByClient() {
    streamsAbortedByClient.increment();
  }

  void eventWritten() {
    eventsWritten.increment();
  }

  void connectionOpened() {
    connectionsAccepted.increment();
    long now = openConnections.incrementAndGet();
    peakOpenConnections.accumulateAndGet(now, Math::max);
  }

  void connectionClosed() {
    openConnections.decrementAndGet();
  }

  /**
   * Remembers a stream request id and counts it when it was seen before.
   *
   * @return true when the id is a duplicate
   */
  boolean recordRequestId(String requestId) {
    if (previousRequestIds.contains(requestId) || !currentRequestIds.add(requestId)) {
      duplicateRequestIds.increment();
      return true;
    }
    if (currentRequestIds.size() >= REQUEST_ID_GENERATION_SIZE) {
      synchronized (requestIdLock) {
        if (currentRequestIds.size() >= REQUEST_ID_GENERATION_SIZE) {
          previousRequestIds = currentRequestIds;
          currentRequestIds = ConcurrentHashMap.newKeySet();
        }
      }
    }
    return false;
  }

  /** Requests received on one endpoint group. */
  public long requests(MockEndpoint endpoint) {
    return requests.get(endpoint).sum();
  }

  /** Login attempts answered 401 (unknown user, wrong or empty password). */
  public long loginFailures() {
    return loginFailures.sum();
  }

  /**
   * Requests the mock rejected with its own 400 (a bad {@code X-Mock-*} header, a body that is not
   * the expected JSON); injected {@code http_400} faults are counted in {@link #faultsInjected}.
   */
  public long badRequests() {
    return badRequests.sum();
  }

  /** Why the latest bad request was rejected (e.g. the allowed fault names), empty when none. */
  public String lastBadRequest() {
    return lastBadRequest;
  }

  /** Times a fault was injected into a stream request; {@link Fault#NONE} stays 0. */
  public long faultsInjected(Fault fault) {
    return faults.get(fault).sum();
  }

  /** Stream responses whose {@code text/event-stream} headers were written. */
  public long streamsStarted() {
    return streamsStarted.sum();
  }

  /** Streams that wrote {@code [DONE]} and the end of the response. */
  public long streamsCompleted() {
    return streamsCompleted.sum();
  }

  /** Streams whose connection the client closed (or reset) before the end of the response. */
  public long streamsAbortedByClient() {
    return streamsAbortedByClient.sum();
  }

  /** Server-sent events written on all streams, including role, usage and {@code [DONE]}. */
  public long eventsWritten() {
    return eventsWritten.sum();
  }

  /** TCP connections accepted in total; fewer than requests means connections were reused. */
  public long connectionsAccepted() {
    return connectionsAccepted.sum();
  }

  /** TCP connections open now. */
  public long openConnections() {
    return openConnections.get();
  }

  /** Most TCP connections open at once since start or the last reset. */
  public long peakOpenConnections() {
    return peakOpenConnections.get();
  }

  /** Successful logins per account, in account order. */
  public Map<String, Long> loginsByAccount() {
    Map<String, Long> out = new TreeMap<>();
    loginsByAccount.forEach((a, n) -> out.put(a, n.sum()));
    return out;
  }

  /**
   * Streams per account (project dialect) and, for each, per client tag (see {@link
   * #accountStreamed}); in account order.
   */
  public Map<String, Map<String, Long>> streamsByAccount() {
    Map<String, Map<String, Long>> out = new TreeMap<>();
    streamsByAccount.forEach(
        (a, tags) -> {
          Map<String, Long> byTag = new TreeMap<>();
          tags.forEach((t, n) -> byTag.put(t, n.sum()));
          out.put(a, byTag);
        });
    return out;
  }

  /** Stream requests whose {@code X-Request-Id} had already been seen (silent client replays). */
  public long duplicateRequestIds() {
    return duplicateRequestIds.sum();
  }

  /**
   * Sets every count to zero and forgets seen request ids; open connections is a gauge and stays,
   * and the peak restarts from it.
   */
  public void reset() {
    requests.values().forEach(LongAdder::reset);
    faults.values().forEach(LongAdder::reset);
    loginFailures.reset();
    badRequests.reset();
    lastBadRequest = "";
    streamsStarted.reset();
    streamsCompleted.reset();
    streamsAbortedByClient.reset();
    eventsWritten.reset();
    duplicateRequestIds.reset();
    connectionsAccepted.reset();
    loginsByAccount.clear();
    streamsByAccount.clear();
    synchronized (requestIdLock) {
      previousRequestIds = ConcurrentHashMap.newKeySet();
      currentRequestIds = ConcurrentHashMap.newKeySet();
    }
    peakOpenConnections.set(openConnections.get());
  }

  /** A point-in-time copy of every count, keyed as in the {@code /admin/stats} JSON. */
  public Map<String, Object> snapshot() {
    Map<String, Long> byEndpoint = new LinkedHashMap<>();
    for (MockEndpoint endpoint : MockEndpoint.values()) {
      byEndpoint.put(endpoint.statName(), requests(endpoint));
    }
    Map<String, Long> byFault = new LinkedHashMap<>();
    for (Fault fault : Fault.values()) {
      if (fault != Fault.NONE) {
        byFault.put(fault.wireName(), faultsInjected(fault));
      }
    }
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("requests", byEndpoint);
    snapshot.put("loginFailures", loginFailures());
    snapshot.put("badRequests", badRequests());
    snapshot.put("lastBadRequest", lastBadRequest());
    snapshot.put("streamsStarted", streamsStarted());
    snapshot.put("streamsCompleted", streamsCompleted());
    snapshot.put("streamsAbortedByClient", streamsAbortedByClient());
    snapshot.put("faultsInjected", byFault);
    snapshot.put("eventsWritten", eventsWritten());
    snapshot.put("connectionsAccepted", connectionsAccepted());
    snapshot.put("openConnections", openConnections());
    snapshot.put("peakOpenConnections", peakOpenConnections());
    snapshot.put("duplicateRequestIds", duplicateRequestIds());
    snapshot.put("loginsByAccount", loginsByAccount());
    snapshot.put("streamsByAccount", streamsByAccount());
    return snapshot;
  }

  @Override
  public String toString() {
    return "MockCounters" + snapshot();
  }
}
