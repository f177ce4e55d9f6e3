package io.ledgermind.oracle.report;

import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.ReportEntry;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * One feed update as the contract sees it ({@code LedgermindOracle.FeedUpdate}): the feed name is hashed to the
 * bytes32 feed id with keccak256, the answer must fit int128, times are unix seconds (uint32).
 *
 * <p>An update carries no round id: the contract assigns it (latest + 1). What identifies an update is its feed and
 * window ({@link #windowKey()}): the window's end, {@code observedAt}, strictly increases per feed on-chain.
 *
 * @param feedName the pipeline's feed name, e.g. {@code USDC/net_flow}
 * @param answer value scaled by the feed's decimals
 * @param observedAtSeconds the newest input the value rests on (end of the last input window), unix seconds
 * @param targetTimeSeconds the time the value forecasts (observedAt + horizon), unix seconds
 * @param modelHash 32 bytes: SHA-256 of the model artifact
 * @param inputsCommitment 32 bytes: commitment to the inputs
 */
public record FeedUpdateEntry(String feedName, BigInteger answer, long observedAtSeconds, long targetTimeSeconds,
    byte[] modelHash, byte[] inputsCommitment) {
  public static final BigInteger INT128_MIN = BigInteger.TWO.pow(127).negate();
  public static final BigInteger INT128_MAX = BigInteger.TWO.pow(127).subtract(BigInteger.ONE);

  public FeedUpdateEntry {
    Objects.requireNonNull(feedName, "feedName");
    if (feedName.isEmpty()) {
      throw new IllegalArgumentException("empty feed name");
    }
    if (answer.compareTo(INT128_MIN) < 0 || answer.compareTo(INT128_MAX) > 0) {
      throw new IllegalArgumentException("answer does not fit int128: " + answer);
    }
    if (observedAtSeconds <= 0 || observedAtSeconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("observedAt does not fit uint32 seconds: " + observedAtSeconds);
    }
    if (targetTimeSeconds < observedAtSeconds || targetTimeSeconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("targetTime must be within observedAt .. 2^32-1 seconds: " + targetTimeSeconds);
    }
    if (modelHash.length != 32 || inputsCommitment.length != 32) {
      throw new IllegalArgumentException("modelHash and inputsCommitment must be 32 bytes");
    }
    modelHash = modelHash.clone();
    inputsCommitment = inputsCommitment.clone();
  }

  /** The bytes32 feed id of a feed name: keccak256 of its UTF-8 bytes (same as {@code feedIdFor} on-chain). */
  public static byte[] feedIdOf(String feedName) {
    return Hash.sha3(feedName.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public byte[] feedId() {
    return feedIdOf(feedName);
  }

  /** Feed and window: what one publication is about (two requests with the same key conflict or repeat). */
  public String windowKey() {
    return windowKey(feedName, observedAtSeconds);
  }

  public static String windowKey(String feedName, long observedAtSeconds) {
    return feedName + "@" + observedAtSeconds;
  }

  @Override
  public byte[] modelHash() {
    return modelHash.clone();
  }

  @Override
  public byte[] inputsCommitment() {
    return inputsCommitment.clone();
  }

  /**
   * The entry of an oracle request.
   *
   * @throws IllegalArgumentException when the request cannot be published (bad numbers, hashes, ranges)
   */
  public static FeedUpdateEntry of(OracleRequest request) {
    long observedAt = seconds(request.getObservedAt());
    // Requests written before targetTime existed forecast one step ahead of an unknown step: treat as observedAt.
    long target = request.getTargetTime() == null ? observedAt : seconds(request.getTargetTime());
    return new FeedUpdateEntry(request.getFeedId(), parseAnswer(request.getAnswer()), observedAt, target,
        bytes32(request.getModelHash(), "modelHash"), bytes32(request.getInputsCommitment(), "inputsCommitment"));
  }

  public static FeedUpdateEntry of(ReportEntry entry) {
    long observedAt = seconds(entry.getObservedAt());
    // Nested in an array, the field is a plain timestamp (Avro resolves no logical type inside a nested union):
    // the epoch means a report written before it existed.
    long target = entry.getTargetTime().equals(Instant.EPOCH) ? observedAt : seconds(entry.getTargetTime());
    return new FeedUpdateEntry(entry.getFeedId(), parseAnswer(entry.getAnswer()), observedAt, target,
        bytes32(entry.getModelHash(), "modelHash"), bytes32(entry.getInputsCommitment(), "inputsCommitment"));
  }

  public ReportEntry toAvro() {
    return ReportEntry.newBuilder()
        .setFeedId(feedName)
        .setRoundId("0") // assigned on-chain; reports name windows, not rounds
        .setAnswer(answer.toString())
        .setObservedAt(Instant.ofEpochSecond(observedAtSeconds))
        .setTargetTime(Instant.ofEpochSecond(targetTimeSeconds))
        .setModelHash(Numeric.toHexString(modelHash))
        .setInputsCommitment(Numeric.toHexString(inputsCommitment))
        .build();
  }

  /** Same feed, round, answer, time and commitments. */
  public boolean sameContent(FeedUpdateEntry other) {
    return feedName.equals(other.feedName) && answer.equals(other.answer)
        && observedAtSeconds == other.observedAtSeconds && targetTimeSeconds == other.targetTimeSeconds
        && Arrays.equals(modelHash, other.modelHash) && Arrays.equals(inputsCommitment, other.inputsCommitment);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedUpdateEntry other && sameContent(other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feedName, answer, observedAtSeconds, targetTimeSeconds, Arrays.hashCode(modelHash));
  }

  @Override
  public String toString() {
    return windowKey() + "=" + answer;
  }

  private static long seconds(Instant time) {
    return Math.floorDiv(time.toEpochMilli(), 1000);
  }

  private static BigInteger parseAnswer(String answer) {
    try {
      return new BigInteger(answer);
    } catch (NumberFormatException | NullPointerException e) {
      throw new IllegalArgumentException("answer is not a base-10 integer: " + answer);
    }
  }

  static byte[] bytes32(String hex, String what) {
    if (hex == null || !hex.matches("0x[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(what + " must be 0x + 64 hex digits: " + hex);
    }
    return Numeric.hexStringToByteArray(hex);
  }
}
