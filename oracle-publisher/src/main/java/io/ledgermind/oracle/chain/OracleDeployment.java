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

  /** Settings of a deployment. */
  public record Plan(List<String> signers, int quorum, long maxReportAgeSeconds, long maxFutureDriftSeconds,
      int decimals, List<String> feeds, long consumerMaxAgeSeconds) {}

  /** Deploys the oracle, registers the feeds, deploys a proxy and a consumer per feed. */
  public static OracleDeployment deploy(ContractDeployer deployer, long chainId, Plan plan)
      throws IOException, TransactionException {
    String oracle = deployer.deploy("0x" + LedgermindOracle.BINARY, OracleAbi.oracleConstructor(
        plan.signers(), plan.quorum(), plan.maxReportAgeSeconds(), plan.maxFutureDriftSeconds()));
    Map<String, String> proxies = new LinkedHashMap<>();
    Map<String, String> consumers = new LinkedHashMap<>();
    for (String feed : plan.feeds()) {
      deployer.call(oracle, OracleAbi.addFeed(FeedUpdateEntry.feedIdOf(feed), plan.decimals()));
      String proxy = deployer.deploy("0x" + LedgermindFeedProxy.BINARY,
          OracleAbi.proxyConstructor(oracle, FeedUpdateEntry.feedIdOf(feed), feed));
      proxies.put(feed, proxy);
      consumers.put(feed, deployer.deploy("0x" + FeedConsumer.BINARY,
          OracleAbi.consumerConstructor(proxy, plan.consumerMaxAgeSeconds())));
    }
    return new OracleDeployment(chainId, oracle, plan.signers().stream().map(String::toLowerCase).toList(),
        plan.quorum(), plan.decimals(), proxies, consumers);
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
