package io.ledgermind.oracle.chain;

import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint32;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/** Reads of the oracle and simulations of its calls; transport failures surface as {@link IOException}. */
public final class OracleChain {
  private final Web3j web3j;
  private final String oracle;

  public OracleChain(Web3j web3j, String oracle) {
    this.web3j = web3j;
    this.oracle = oracle;
  }

  public String address() {
    return oracle;
  }

  public Web3j web3j() {
    return web3j;
  }

  /** The latest on-chain round of each feed (0 when none), in one call: the transmitter's reconciliation read. */
  public Map<String, Long> latestRounds(List<String> feedNames) throws IOException {
    Function f = OracleAbi.latestRounds(feedNames.stream().map(FeedUpdateEntry::feedIdOf).toList());
    List<Type> out = call(f);
    @SuppressWarnings("unchecked")
    List<Type> rounds = (List<Type>) out.get(0).getValue();
    Map<String, Long> result = new LinkedHashMap<>();
    for (int i = 0; i < feedNames.size(); i++) {
      result.put(feedNames.get(i), ((BigInteger) rounds.get(i).getValue()).longValueExact());
    }
    return result;
  }

  /**
   * What the contract says about one feed: whether it is registered, its latest round, the window that round rests
   * on, and how old a window may be when published.
   */
  public record FeedState(boolean registered, long latestRound, long latestObservedAt, long maxObservationAge) {}

  /**
   * The feeds' states, the block time they were read at and the signer-set version reports must be signed for (one
   * call).
   */
  public record FeedStates(Map<String, FeedState> feeds, long blockTime, long configVersion) {}

  public FeedStates feedStates(List<String> feedNames) throws IOException {
    Function f = OracleAbi.feedStates(feedNames.stream().map(FeedUpdateEntry::feedIdOf).toList());
    List<Type> out = call(f);
    List<Type> registered = list(out.get(0));
    List<Type> latest = list(out.get(1));
    List<Type> observed = list(out.get(2));
    List<Type> ages = list(out.get(3));
    Map<String, FeedState> result = new LinkedHashMap<>();
    for (int i = 0; i < feedNames.size(); i++) {
      result.put(feedNames.get(i), new FeedState((Boolean) registered.get(i).getValue(),
          ((BigInteger) latest.get(i).getValue()).longValueExact(),
          ((BigInteger) observed.get(i).getValue()).longValueExact(),
          ((BigInteger) ages.get(i).getValue()).longValueExact()));
    }
    return new FeedStates(result, longOf(out.get(4)), longOf(out.get(5)));
  }

  /** A round as stored: answer, the window it rests on, the time it forecasts, publication time, report index. */
  public record RoundDetails(BigInteger answer, long observedAt, long targetTime, long updatedAt, long reportIndex) {}

  /** The round's details, or empty when the feed has no such round. */
  public Optional<RoundDetails> roundDetails(String feedName, long roundId) throws IOException {
    Function f = new Function("roundDetails", List.of(new Bytes32(FeedUpdateEntry.feedIdOf(feedName)),
        new org.web3j.abi.datatypes.generated.Uint64(roundId)),
        List.of(new TypeReference<Int256>() {}, new TypeReference<Uint32>() {}, new TypeReference<Uint32>() {},
            new TypeReference<Uint32>() {}, new TypeReference<Uint32>() {}));
    EthCall call = ethCall(null, FunctionEncoder.encode(f));
    if (call.isReverted() || call.hasError()) {
      return Optional.empty();
    }
    List<Type> v = FunctionReturnDecoder.decode(call.getValue(), f.getOutputParameters());
    return Optional.of(new RoundDetails((BigInteger) v.get(0).getValue(), longOf(v.get(1)), longOf(v.get(2)),
        longOf(v.get(3)), longOf(v.get(4))));
  }

  @SuppressWarnings("unchecked")
  private static List<Type> list(Type t) {
    return (List<Type>) t.getValue();
  }

  private static long longOf(Type t) {
    return ((BigInteger) t.getValue()).longValueExact();
  }

  /** Chainlink-shaped round of a feed. */
  public record RoundData(long roundId, BigInteger answer, long startedAt, long updatedAt, long answeredInRound) {}

  /** latestRoundData of a feed, or empty when it has no round yet (or is unknown). */
  public Optional<RoundData> latestRoundData(String feedName) throws IOException {
    Function f = new Function("latestRoundData", List.of(new Bytes32(FeedUpdateEntry.feedIdOf(feedName))),
        List.of(new TypeReference<Uint80>() {}, new TypeReference<Int256>() {}, new TypeReference<Uint256>() {},
            new TypeReference<Uint256>() {}, new TypeReference<Uint80>() {}));
    EthCall call = ethCall(null, FunctionEncoder.encode(f));
    if (call.isReverted() || call.hasError()) {
      return Optional.empty();
    }
    List<Type> v = FunctionReturnDecoder.decode(call.getValue(), f.getOutputParameters());
    return Optional.of(new RoundData(((BigInteger) v.get(0).getValue()).longValueExact(),
        (BigInteger) v.get(1).getValue(), ((BigInteger) v.get(2).getValue()).longValueExact(),
        ((BigInteger) v.get(3).getValue()).longValueExact(), ((BigInteger) v.get(4).getValue()).longValueExact()));
  }

  /** The signer set and quorum. */
  public List<String> signers() throws IOException {
    Function f = new Function("signers", List.of(),
        List.of(new TypeReference<org.web3j.abi.datatypes.DynamicArray<org.web3j.abi.datatypes.Address>>() {}));
    @SuppressWarnings("unchecked")
    List<Type> list = (List<Type>) call(f).get(0).getValue();
    return list.stream().map(t -> t.getValue().toString().toLowerCase()).toList();
  }

  /** The signer-set version reports must be signed for (incremented by every {@code setSigners}). */
  public long configVersion() throws IOException {
    return longOf(call(new Function("configVersion", List.of(), List.of(new TypeReference<Uint32>() {}))).get(0));
  }

  /** The contract's type and version ({@code "LedgermindOracle 2.0.0"}), empty when it has no such function. */
  public Optional<String> typeAndVersion() throws IOException {
    Function f = new Function("typeAndVersion", List.of(),
        List.of(new TypeReference<org.web3j.abi.datatypes.Utf8String>() {}));
    EthCall call = ethCall(null, FunctionEncoder.encode(f));
    if (call.isReverted() || call.hasError() || call.getValue() == null || call.getValue().length() <= 2) {
      return Optional.empty();
    }
    return Optional.of(FunctionReturnDecoder.decode(call.getValue(), f.getOutputParameters()).get(0).getValue()
        .toString());
  }

  /** Seconds a report's window may lie ahead of the block time. */
  public long maxFutureDrift() throws IOException {
    Function f = new Function("maxFutureDrift", List.of(), List.of(new TypeReference<Uint32>() {}));
    return ((BigInteger) call(f).get(0).getValue()).longValueExact();
  }

  public int quorum() throws IOException {
    Function f = new Function("quorum", List.of(), List.of(new TypeReference<org.web3j.abi.datatypes.generated.Uint8>() {}));
    return ((BigInteger) call(f).get(0).getValue()).intValueExact();
  }

  /**
   * Simulates {@code data} against the oracle from {@code from} ({@code eth_call} on the latest block).
   *
   * @return the decoded revert reason, or empty when the call would succeed
   * @throws IOException when the node cannot be reached or answers with a non-revert error
   */
  public Optional<String> simulate(String from, String data) throws IOException {
    return simulate(web3j, from, oracle, data);
  }

  /** {@link #simulate(String, String)} against any contract. */
  public static Optional<String> simulate(Web3j web3j, String from, String to, String data) throws IOException {
    EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(from, to, data), DefaultBlockParameterName.LATEST)
        .send();
    if (call.hasError()) {
      Optional<String> revert = RevertDecoder.revertData(call.getError());
      if (revert.isPresent()) {
        return Optional.of(RevertDecoder.standard().decode(revert.get()));
      }
      String message = String.valueOf(call.getError().getMessage());
      if (message.toLowerCase().contains("revert")) {
        return Optional.of(message);
      }
      throw new IOException("eth_call failed: " + message);
    }
    if (call.isReverted()) {
      return Optional.of(RevertDecoder.standard().decode(call.getRevertReason()));
    }
    return Optional.empty();
  }

  private List<Type> call(Function f) throws IOException {
    EthCall call = ethCall(null, FunctionEncoder.encode(f));
    if (call.hasError()) {
      String reason = RevertDecoder.revertData(call.getError()).map(RevertDecoder.standard()::decode)
          .orElse(call.getError().getMessage());
      throw new IOException(f.getName() + " on " + oracle + " failed: " + reason);
    }
    return FunctionReturnDecoder.decode(call.getValue(), f.getOutputParameters());
  }

  private EthCall ethCall(String from, String data) throws IOException {
    return web3j.ethCall(Transaction.createEthCallTransaction(from, oracle, data), DefaultBlockParameterName.LATEST)
        .send();
  }
}
