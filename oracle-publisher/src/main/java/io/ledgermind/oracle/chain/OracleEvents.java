package io.ledgermind.oracle.chain;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int128;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint64;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The oracle's per-entry events: {@code RoundPublished} (the round id the contract assigned, with the model hash and
 * inputs commitment behind it) and {@code UpdateSkipped} (why an entry of an accepted report was not published).
 * Read from a receipt by the transmitter, and from the chain's logs by {@code verify}.
 */
public final class OracleEvents {
  public static final Event ROUND_PUBLISHED = new Event("RoundPublished", List.of(
      new TypeReference<Bytes32>(true) {}, new TypeReference<Uint64>(true) {}, new TypeReference<Int128>() {},
      new TypeReference<Uint32>() {}, new TypeReference<Uint32>() {}, new TypeReference<Bytes32>() {},
      new TypeReference<Bytes32>() {}));
  public static final Event UPDATE_SKIPPED = new Event("UpdateSkipped", List.of(
      new TypeReference<Bytes32>(true) {}, new TypeReference<Uint32>() {}, new TypeReference<Uint8>() {}));
  static final String ROUND_PUBLISHED_TOPIC = EventEncoder.encode(ROUND_PUBLISHED);
  static final String UPDATE_SKIPPED_TOPIC = EventEncoder.encode(UPDATE_SKIPPED);

  private OracleEvents() {}

  /** One published round as its event tells it. */
  public record Published(String feedIdHex, long roundId, BigInteger answer, long observedAt, long targetTime,
      byte[] modelHash, byte[] inputsCommitment, String txHash, long blockNumber) {}

  /** One skipped entry: the feed, its window and the contract's reason. */
  public record Skipped(String feedIdHex, long observedAt, SkipReason reason) {}

  /** The contract's {@code SKIP_*} codes. */
  public enum SkipReason {
    UNKNOWN_FEED, NOT_NEWER, STALE, FUTURE, BAD_TARGET, OUT_OF_RANGE, UNKNOWN_CODE;

    static SkipReason of(int code) {
      return code >= 1 && code <= 6 ? values()[code - 1] : UNKNOWN_CODE;
    }
  }

  /** Rounds published by the oracle's logs in {@code receipt}. */
  public static List<Published> published(TransactionReceipt receipt, String oracle) {
    List<Published> out = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (isFrom(log, oracle, ROUND_PUBLISHED_TOPIC)) {
        out.add(published(log));
      }
    }
    return out;
  }

  /** Entries skipped in {@code receipt}. */
  public static List<Skipped> skipped(TransactionReceipt receipt, String oracle) {
    List<Skipped> out = new ArrayList<>();
    for (Log log : receipt.getLogs()) {
      if (isFrom(log, oracle, UPDATE_SKIPPED_TOPIC)) {
        List<Type> data = FunctionReturnDecoder.decode(log.getData(), UPDATE_SKIPPED.getNonIndexedParameters());
        out.add(new Skipped(log.getTopics().get(1).toLowerCase(), longOf(data.get(0)),
            SkipReason.of(((BigInteger) data.get(1).getValue()).intValue())));
      }
    }
    return out;
  }

  /** The {@code RoundPublished} event of one round, read from the chain's logs (whole history of the oracle). */
  public static Optional<Published> find(Web3j web3j, String oracle, byte[] feedId, long roundId) throws IOException {
    EthFilter filter = new EthFilter(DefaultBlockParameterName.EARLIEST, DefaultBlockParameterName.LATEST, oracle);
    filter.addSingleTopic(ROUND_PUBLISHED_TOPIC);
    filter.addSingleTopic(Numeric.toHexString(feedId));
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(roundId), 64));
    EthLog logs = web3j.ethGetLogs(filter).send();
    if (logs.hasError()) {
      throw new IOException("eth_getLogs on " + oracle + " failed: " + logs.getError().getMessage());
    }
    for (EthLog.LogResult<?> result : logs.getLogs()) {
      if (result.get() instanceof Log log) {
        return Optional.of(published(log));
      }
    }
    return Optional.empty();
  }

  private static Published published(Log log) {
    List<Type> data = FunctionReturnDecoder.decode(log.getData(), ROUND_PUBLISHED.getNonIndexedParameters());
    return new Published(log.getTopics().get(1).toLowerCase(), Numeric.toBigInt(log.getTopics().get(2)).longValueExact(),
        (BigInteger) data.get(0).getValue(), longOf(data.get(1)), longOf(data.get(2)),
        (byte[]) data.get(3).getValue(), (byte[]) data.get(4).getValue(), log.getTransactionHash(),
        log.getBlockNumber() == null ? -1 : log.getBlockNumber().longValueExact());
  }

  private static boolean isFrom(Log log, String oracle, String topic) {
    return log.getAddress() != null && log.getAddress().equalsIgnoreCase(oracle) && !log.getTopics().isEmpty()
        && log.getTopics().get(0).equalsIgnoreCase(topic);
  }

  private static long longOf(Type t) {
    return ((BigInteger) t.getValue()).longValueExact();
  }
}
