package io.ledgermind.cli;

import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.chain.OracleDeployment;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Int256;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint80;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * Reads a feed back the way contracts do: {@code latestRoundData()} and {@code decimals()} of its AggregatorV3
 * proxy, and {@code read()} of its consumer contract, which knows only {@code AggregatorV3Interface} and refuses an
 * answer older than its freshness bound. The oracle's own {@code roundDetails} adds the window and target time.
 */
final class FeedReadback {
  private final Web3j web3j;
  private final OracleDeployment deployment;
  private final OracleChain oracle;

  FeedReadback(Web3j web3j, OracleDeployment deployment) {
    this.web3j = web3j;
    this.deployment = deployment;
    this.oracle = new OracleChain(web3j, deployment.oracle());
  }

  /**
   * One feed as contracts see it.
   *
   * @param consumerAnswer what the consumer contract read, or empty with {@code consumerError} set
   */
  record Reading(long roundId, BigInteger answer, int decimals, long observedAt, long targetTime, long updatedAt,
      Optional<BigInteger> consumerAnswer, String consumerError) {
    String human() {
      return new BigDecimal(answer).movePointLeft(decimals).stripTrailingZeros().toPlainString();
    }

    boolean consumerAgrees() {
      return consumerAnswer.isPresent() && consumerAnswer.get().equals(answer);
    }
  }

  /** The feed's latest round through its proxy and its consumer; null when the feed has no round. */
  Reading read(String feed) throws IOException {
    String proxy = deployment.proxies().get(feed);
    if (proxy == null) {
      return null;
    }
    Function latest = new Function("latestRoundData", List.of(), List.of(new TypeReference<Uint80>() {},
        new TypeReference<Int256>() {}, new TypeReference<Uint256>() {}, new TypeReference<Uint256>() {},
        new TypeReference<Uint80>() {}));
    Optional<List<Type>> round = call(proxy, latest);
    if (round.isEmpty()) {
      return null;
    }
    List<Type> r = round.get();
    int decimals = ((BigInteger) call(proxy, new Function("decimals", List.of(),
        List.of(new TypeReference<Uint8>() {}))).orElseThrow().get(0).getValue()).intValueExact();
    long roundId = ((BigInteger) r.get(0).getValue()).longValueExact();
    OracleChain.RoundDetails details = oracle.roundDetails(feed, roundId).orElseThrow(
        () -> new IOException("proxy of " + feed + " names round " + roundId + ", which the oracle does not hold"));
    Function read = new Function("read", List.of(), List.of(new TypeReference<Int256>() {},
        new TypeReference<Uint80>() {}));
    String consumer = deployment.consumers().get(feed);
    Optional<BigInteger> consumerAnswer = Optional.empty();
    String consumerError = null;
    Optional<String> revert = OracleChain.simulate(web3j, null, consumer, FunctionEncoder.encode(read));
    if (revert.isPresent()) {
      consumerError = revert.get();
    } else {
      consumerAnswer = Optional.of((BigInteger) call(consumer, read).orElseThrow().get(0).getValue());
    }
    return new Reading(roundId, (BigInteger) r.get(1).getValue(), decimals, details.observedAt(),
        details.targetTime(), ((BigInteger) r.get(3).getValue()).longValueExact(), consumerAnswer, consumerError);
  }

  private Optional<List<Type>> call(String to, Function f) throws IOException {
    EthCall call = web3j.ethCall(Transaction.createEthCallTransaction(null, to, FunctionEncoder.encode(f)),
        DefaultBlockParameterName.LATEST).send();
    if (call.hasError() || call.isReverted()) {
      return Optional.empty();
    }
    return Optional.of(FunctionReturnDecoder.decode(call.getValue(), f.getOutputParameters()));
  }
}
