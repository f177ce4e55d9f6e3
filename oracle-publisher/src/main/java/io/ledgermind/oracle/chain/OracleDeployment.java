package io.ledgermind.oracle.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.oracle.contracts.generated.FeedConsumer;
import io.ledgermind.oracle.contracts.generated.LedgermindFeedProxy;
import io.ledgermind.oracle.contracts.generated.LedgermindOracle;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * Where the oracle lives: the oracle contract, one Chainlink proxy per feed and an example consumer per feed. Written
 * by {@code ledgermind oracle deploy} as JSON and read by the signer, the transmitter and {@code status}.
 *
 * @param chainId EVM chain id
 * @param oracle oracle contract address
 * @param signers signer addresses (lower-case)
 * @param quorum signatures needed
 * @param decimals decimals of every feed
 * @param proxies feed name -> AggregatorV3 proxy address
 * @param consumers feed name -> example consumer address
 */
public record OracleDeployment(long chainId, String oracle, List<String> signers, int quorum, int decimals,
    Map<String, String> proxies, Map<String, String> consumers) {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Settings of a deployment.
   *
   * @param feeds feed name -> its registration (max observation age, answer range)
   * @param transmitters the addresses allowed to submit reports
   */
  public record Plan(List<String> signers, int quorum, long maxFutureDriftSeconds, int decimals,
      Map<String, FeedSettings> feeds, long consumerMaxAgeSeconds, List<String> transmitters) {
    /** Every feed with the same settings. */
    public static Map<String, FeedSettings> same(List<String> feeds, FeedSettings settings) {
      Map<String, FeedSettings> out = new LinkedHashMap<>();
      feeds.forEach(f -> out.put(f, settings));
      return out;
    }
  }

  /** The oracle version this code speaks to ({@code typeAndVersion}); a deployment of another is not reused. */
  public static final String TYPE_AND_VERSION = "LedgermindOracle 2.0.0";

  /** Deploys the oracle, registers the feeds, deploys a proxy and a consumer per feed. */
  public static OracleDeployment deploy(ContractDeployer deployer, long chainId, Plan plan)
      throws IOException, TransactionException {
    String oracle = deployer.deploy("0x" + LedgermindOracle.BINARY, OracleAbi.oracleConstructor(
        plan.signers(), plan.quorum(), plan.maxFutureDriftSeconds(), plan.transmitters()));
    OracleDeployment empty = new OracleDeployment(chainId, oracle,
        plan.signers().stream().map(String::toLowerCase).toList(), plan.quorum(), plan.decimals(),
        new LinkedHashMap<>(), new LinkedHashMap<>());
    return empty.withFeeds(deployer, plan.feeds(), plan.consumerMaxAgeSeconds());
  }

  /**
   * This deployment with every feed of {@code feeds} registered, each with a proxy and a consumer; feeds it already
   * has are left as they are (idempotent).
   */
  public OracleDeployment withFeeds(ContractDeployer deployer, Map<String, FeedSettings> feeds,
      long consumerMaxAgeSeconds)
      throws IOException, TransactionException {
    Map<String, String> proxies = new LinkedHashMap<>(this.proxies);
    Map<String, String> consumers = new LinkedHashMap<>(this.consumers);
    for (Map.Entry<String, FeedSettings> feed : feeds.entrySet()) {
      if (proxies.containsKey(feed.getKey())) {
        continue;
      }
      byte[] feedId = FeedUpdateEntry.feedIdOf(feed.getKey());
      deployer.call(oracle, OracleAbi.addFeed(feedId, decimals, feed.getValue()));
      String proxy = deployer.deploy("0x" + LedgermindFeedProxy.BINARY,
          OracleAbi.proxyConstructor(oracle, feedId, feed.getKey()));
      proxies.put(feed.getKey(), proxy);
      consumers.put(feed.getKey(), deployer.deploy("0x" + FeedConsumer.BINARY,
          OracleAbi.consumerConstructor(proxy, consumerMaxAgeSeconds)));
    }
    return new OracleDeployment(chainId, oracle, signers, quorum, decimals, proxies, consumers);
  }

  /**
   * True when the oracle of this deployment exists on the chain behind {@code web3j} (same chain id, contract code
   * at its address) and is the version this code speaks to: a restarted dev chain loses every contract, an older
   * oracle has another ABI, and neither deployment file may be reused.
   */
  public boolean liveOn(org.web3j.protocol.Web3j web3j) throws IOException {
    long chain = web3j.ethChainId().send().getChainId().longValueExact();
    String code = web3j.ethGetCode(oracle, org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getCode();
    return chain == chainId && code != null && code.length() > 2
        && new OracleChain(web3j, oracle).typeAndVersion().filter(TYPE_AND_VERSION::equals).isPresent();
  }

  public List<String> feeds() {
    return new ArrayList<>(proxies.keySet());
  }

  public void write(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    JSON.writeValue(file.toFile(), this);
  }

  public static OracleDeployment read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("no oracle deployment at " + file + " (run: ledgermind oracle deploy)");
    }
    return JSON.readValue(file.toFile(), OracleDeployment.class);
  }
}
