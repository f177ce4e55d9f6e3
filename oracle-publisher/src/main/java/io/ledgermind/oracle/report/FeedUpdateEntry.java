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
 * bytes32 feed id with keccak256, the answer must fit int128, the observation time is unix seconds (uint32).
 *
 * @param feedName the pipeline's feed name, e.g. {@code USDC/net_flow}
 * @param roundId round id (uint64 on-chain; derived from the window end, strictly increasing per feed)
 * @param answer value scaled by the feed's decimals
 * @param observedAtSeconds end of the window the value describes, unix seconds
 * @param modelHash 32 bytes: SHA-256 of the model artifact
 * @param inputsCommitment 32 bytes: commitment to the inputs
 */
public record FeedUpdateEntry(
    String feedName, long roundId, BigInteger answer, long observedAtSeconds, byte[] modelHash, byte[] inputsCommitment) {
  public static final BigInteger INT128_MIN = BigInteger.TWO.pow(127).negate();
  public static final BigInteger INT128_MAX = BigInteger.TWO.pow(127).subtract(BigInteger.ONE);

  public FeedUpdateEntry {
    Objects.requireNonNull(feedName, "feedName");
    if (feedName.isEmpty()) {
      throw new IllegalArgumentException("empty feed name");
    }
    if (roundId <= 0) {
      throw new IllegalArgumentException("round id must be > 0 (uint64): " + roundId);
    }
    if (answer.compareTo(INT128_MIN) < 0 || answer.compareTo(INT128_MAX) > 0) {
      throw new IllegalArgumentException("answer does not fit int128: " + answer);
    }
    if (observedAtSeconds < 0 || observedAtSeconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("observedAt does not fit uint32 seconds: " + observedAtSeconds);
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
    return new FeedUpdateEntry(request.getFeedId(), parseRound(request.getRoundId()), new BigInteger(request.getAnswer()),
        Math.floorDiv(request.getObservedAt().toEpochMilli(), 1000), bytes32(request.getModelHash(), "modelHash"),
        bytes32(request.getInputsCommitment(), "inputsCommitment"));
  }

  public static FeedUpdateEntry of(ReportEntry entry) {
    return new FeedUpdateEntry(entry.getFeedId(), parseRound(entry.getRoundId()), new BigInteger(entry.getAnswer()),
        Math.floorDiv(entry.getObservedAt().toEpochMilli(), 1000), bytes32(entry.getModelHash(), "modelHash"),
        bytes32(entry.getInputsCommitment(), "inputsCommitment"));
  }

  public ReportEntry toAvro() {
    return ReportEntry.newBuilder()
        .setFeedId(feedName)
        .setRoundId(Long.toString(roundId))
        .setAnswer(answer.toString())
        .setObservedAt(Instant.ofEpochSecond(observedAtSeconds))
        .setModelHash(Numeric.toHexString(modelHash))
        .setInputsCommitment(Numeric.toHexString(inputsCommitment))
        .build();
  }

  /** Same feed, round, answer, time and commitments. */
  public boolean sameContent(FeedUpdateEntry other) {
    return feedName.equals(other.feedName) && roundId == other.roundId && answer.equals(other.answer)
        && observedAtSeconds == other.observedAtSeconds && Arrays.equals(modelHash, other.modelHash)
        && Arrays.equals(inputsCommitment, other.inputsCommitment);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeedUpdateEntry other && sameContent(other);
  }

  @Override
  public int hashCode() {
    return Objects.hash(feedName, roundId, answer, observedAtSeconds, Arrays.hashCode(modelHash));
  }

  @Override
  public String toString() {
    return feedName + "#" + roundId + "=" + answer;
  }

  private static long parseRound(String roundId) {
    BigInteger round = new BigInteger(roundId);
    if (round.signum() <= 0 || round.bitLength() > 63) {
      throw new IllegalArgumentException("round id out of range (1 .. 2^63-1): " + roundId);
    }
    return round.longValueExact();
  }

  static byte[] bytes32(String hex, String what) {
    if (hex == null || !hex.matches("0x[0-9a-fA-F]{64}")) {
      throw new IllegalArgumentException(what + " must be 0x + 64 hex digits: " + hex);
    }
    return Numeric.hexStringToByteArray(hex);
  }
}
