package io.ledgermind.ingest.simulate;

import io.ledgermind.schemas.common.EventMeta;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The made-up chain a simulator writes on: monotonic block numbers at a fixed block time, and block and transaction
 * hashes derived from (chain, seed, height), so the same seed always yields the same hashes and two seeds never
 * share one.
 *
 * <p>Ingest time of simulated events is the simulated block time, not the wall clock: otherwise two runs with the
 * same seed could not produce byte-identical streams.
 *
 * <pre>{@code
 * SyntheticChain chain = new SyntheticChain("sim:stablecoin", "stablecoin", 42,
 *     Instant.parse("2026-01-05T00:00:00Z"), Duration.ofSeconds(12));
 * EventMeta meta = chain.meta(block, chain.txHash(block, 0), 3, eventId);
 * }</pre>
 */
public final class SyntheticChain {
  private final String chainId;
  private final String source;
  private final long seed;
  private final Instant genesis;
  private final long blockTimeMillis;

  /**
   * @param chainId CAIP-2 style id, {@code sim:<name>}
   * @param domain  the simulator's domain, named in {@code source} as {@code simulator:<domain>:seed=<n>}
   * @param genesis time of block 0
   */
  public SyntheticChain(String chainId, String domain, long seed, Instant genesis, Duration blockTime) {
    this.chainId = Objects.requireNonNull(chainId, "chainId");
    this.source = "simulator:" + Objects.requireNonNull(domain, "domain") + ":seed=" + seed;
    this.seed = seed;
    this.genesis = Objects.requireNonNull(genesis, "genesis");
    this.blockTimeMillis = blockTime.toMillis();
    if (blockTimeMillis <= 0) {
      throw new IllegalArgumentException("block time must be at least 1 ms: " + blockTime);
    }
  }

  public String chainId() {
    return chainId;
  }

  public String source() {
    return source;
  }

  public long seed() {
    return seed;
  }

  public Instant genesis() {
    return genesis;
  }

  public long blockTimeMillis() {
    return blockTimeMillis;
  }

  /** Timestamp of block {@code number}: genesis + number × block time. */
  public Instant blockTime(long number) {
    return genesis.plusMillis(Math.multiplyExact(number, blockTimeMillis));
  }

  /** 0x-prefixed 32-byte hash of block {@code number}. */
  public String blockHash(long number) {
    return hash("block", Long.toString(number));
  }

  /** 0x-prefixed 32-byte hash of the {@code index}-th transaction of block {@code number}. */
  public String txHash(long number, int index) {
    return hash("tx", number + ":" + index);
  }

  /** Provenance for an event of block {@code number}; txHash and logIndex may be null. */
  public EventMeta meta(long number, String txHash, Integer logIndex, String eventId) {
    Instant time = blockTime(number);
    return EventMeta.newBuilder()
        .setEventId(eventId)
        .setChainId(chainId)
        .setBlockNumber(number)
        .setBlockHash(blockHash(number))
        .setTxHash(txHash)
        .setLogIndex(logIndex)
        .setEventTime(time)
        .setIngestTime(time)
        .setSource(source)
        .build();
  }

  private String hash(String kind, String value) {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    sha256.update((kind + "|" + chainId + "|" + seed + "|" + value).getBytes(StandardCharsets.UTF_8));
    return "0x" + HexFormat.of().formatHex(sha256.digest());
  }
}
