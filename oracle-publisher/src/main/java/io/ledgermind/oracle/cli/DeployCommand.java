package io.ledgermind.oracle.cli;

import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.oracle.chain.FeedSettings;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.signer.SignerKey;
import io.ledgermind.evm.DevAccounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledgermind oracle deploy}: oracle + one AggregatorV3 proxy and one example consumer per feed. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Deploy the oracle, register the feeds, deploy a Chainlink proxy and an example consumer per feed;"
        + " write the addresses to a deployment file that signer, transmit and status read.",
        "The deployer key comes from --keystore with --password-file, --key-env, or (local dev chain only)"
            + " --dev-account."})
public final class DeployCommand implements Callable<Integer> {
  @Mixin KeyOptions key = new KeyOptions();

  @Option(names = "--rpc-url", description = "JSON-RPC endpoint (default: LEDGERMIND_ETH_RPC_URL of the local stack).")
  String rpcUrl;

  @Option(names = "--chain-id", description = "Chain id (default: LEDGERMIND_CHAIN_ID of the local stack).")
  Long chainId;

  @Option(names = "--feed", required = true, paramLabel = "NAME", description = "Feed name, repeatable, e.g. USDC/net_flow.")
  List<String> feeds = new ArrayList<>();

  @Option(names = "--signer", paramLabel = "ADDRESS", description = "Signer address, repeatable.")
  List<String> signers = new ArrayList<>();

  @Option(names = "--dev-signers", paramLabel = "N",
      description = "Local dev chain: use dev accounts 1..N as signers (default when no --signer: 5).")
  Integer devSigners;

  @Option(names = "--quorum", defaultValue = "3",
      description = "Signatures per report (default: ${DEFAULT-VALUE}). With n signers (n >= 4) and f = (n-1)/3"
          + " faulty ones tolerated, 2f+1 <= quorum <= n-f.")
  int quorum;

  @Option(names = "--transmitter", paramLabel = "ADDRESS",
      description = "Address allowed to submit reports (the transmitter's sender), repeatable (default: the"
          + " deployer's address).")
  List<String> transmitters = new ArrayList<>();

  @Option(names = "--min-answer", defaultValue = "-1000000000000",
      description = "Lowest answer every --feed publishes, in feed units (default: ${DEFAULT-VALUE}).")
  java.math.BigDecimal minAnswer;

  @Option(names = "--max-answer", defaultValue = "1000000000000",
      description = "Highest answer every --feed publishes, in feed units (default: ${DEFAULT-VALUE}).")
  java.math.BigDecimal maxAnswer;

  @Option(names = "--decimals", defaultValue = "8", description = "Decimals of every feed (default: ${DEFAULT-VALUE}).")
  int decimals;

  @Option(names = "--max-observation-age", defaultValue = "7200",
      description = "Seconds the window of a report may be old when published, for every --feed (default: ${DEFAULT-VALUE};"
          + " `ledgermind run` registers its feeds with an age per series step).")
  long maxObservationAge;

  @Option(names = "--max-future-drift", defaultValue = "15",
      description = "Seconds a report's window may lie ahead of the block time, at most 60 (default: ${DEFAULT-VALUE}).")
  long maxFutureDrift;

  @Option(names = "--consumer-max-age", defaultValue = "7200",
      description = "Staleness limit of the example consumers, seconds (default: ${DEFAULT-VALUE}).")
  long consumerMaxAge;

  @Option(names = "--out", paramLabel = "FILE", description = "Deployment file (default: .stack/oracle-deployment.json).")
  Path out;

  private java.math.BigInteger scaled(java.math.BigDecimal units) {
    return units.movePointRight(decimals).toBigIntegerExact();
  }

  @Override
  public Integer call() throws Exception {
    StackDefaults stack = new StackDefaults();
    String rpc = StackDefaults.require("--rpc-url", rpcUrl, stack.get("LEDGERMIND_ETH_RPC_URL"));
    long chain = chainId != null ? chainId
        : Long.parseLong(StackDefaults.require("--chain-id", stack.get("LEDGERMIND_CHAIN_ID")));
    SignerKey deployerKey = key.load(stack);
    if (transmitters.isEmpty()) {
      transmitters.add(deployerKey.address());
    }
    List<String> signerAddresses = new ArrayList<>(signers);
    if (signerAddresses.isEmpty()) {
      String mnemonic = StackDefaults.require("--signer", stack.get("LEDGERMIND_ANVIL_MNEMONIC"));
      DevAccounts dev = new DevAccounts(mnemonic);
      for (int i = 1; i <= (devSigners == null ? 5 : devSigners); i++) {
        signerAddresses.add(dev.account(i).getAddress());
      }
    }
    Web3j web3j = Web3j.build(new HttpService(rpc));
    try {
      System.err.printf("deploying oracle (%d-of-%d signers, %d feeds) to chain %d at %s from %s%n", quorum,
          signerAddresses.size(), feeds.size(), chain, rpc, deployerKey.address());
      OracleDeployment d = OracleDeployment.deploy(new ContractDeployer(web3j, deployerKey.credentials(), chain), chain,
          new OracleDeployment.Plan(signerAddresses, quorum, maxFutureDrift, decimals,
              OracleDeployment.Plan.same(feeds, new FeedSettings(maxObservationAge, scaled(minAnswer),
                  scaled(maxAnswer))), consumerMaxAge, transmitters));
      Path file = out != null ? out : stack.defaultDeployment();
      d.write(file);
      System.out.println("oracle   " + d.oracle());
      d.proxies().forEach((feed, proxy) -> System.out.printf("feed     %-24s proxy %s consumer %s%n", feed, proxy,
          d.consumers().get(feed)));
      System.out.println("written  " + file);
      return 0;
    } finally {
      web3j.shutdown();
    }
  }
}
