package io.ledgermind.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic record ids: the same identifying fields always give the same id, so a replayed write is recognised
 * as the same record (ReplacingMergeTree in ClickHouse, idempotent consumers).
 *
 * <p>The id is the first 16 bytes (32 hex characters) of SHA-256 over the parts, each prefixed by its length so that
 * {@code ("ab","c")} and {@code ("a","bc")} differ. 128 bits keep accidental collisions out of reach for any
 * realistic number of events.
 *
 * <pre>{@code
 * String id = EventIds.of("eip155:1", blockHash, txHash, Integer.toString(logIndex));
 * }</pre>
 */
public final class EventIds {
  private static final int ID_BYTES = 16;
  /** MessageDigest.getInstance walks the security providers on every call: one digest per thread instead. */
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(EventIds::newSha256);

  private EventIds() {}

  public static String of(String... parts) {
    MessageDigest sha256 = SHA256.get();
    sha256.reset();
    for (String part : parts) {
      byte[] bytes = String.valueOf(part).getBytes(StandardCharsets.UTF_8);
      sha256.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      sha256.update((byte) ':');
      sha256.update(bytes);
    }
    byte[] digest = sha256.digest();
    return HexFormat.of().formatHex(digest, 0, ID_BYTES);
  }

  /** Id of an on-chain log: chain, block hash, transaction hash and log index identify it uniquely. */
  public static String ofLog(String chainId, String blockHash, String txHash, int logIndex) {
    return of("log", chainId, blockHash, txHash, Integer.toString(logIndex));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
