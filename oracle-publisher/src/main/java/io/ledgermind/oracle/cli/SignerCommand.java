package io.ledgermind.oracle.cli;

import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.signer.OracleSigner;
import io.ledgermind.oracle.signer.SignerBounds;
import io.ledgermind.oracle.signer.SignerKey;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledgermind oracle signer}: one signer process with one key and its own bounds. */
@Command(name = "signer", mixinStandardHelpOptions = true,
    description = {"Run one signer: read oracle requests and the transmitter's proposals from Kafka, sign the"
        + " proposals that match requests and stay within this signer's bounds, write signatures to Kafka.",
        "Run N of these, one per key, for an N-signer oracle. Stops on Ctrl-C."})
public final class SignerCommand implements Callable<Integer> {
  @Mixin KeyOptions key = new KeyOptions();
  @Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--feed", paramLabel = "NAME", description = "Allowed feed, repeatable (default: every deployed feed).")
  List<String> feeds = new ArrayList<>();

  @Option(names = "--max-deviation-bps", defaultValue = "5000",
      description = "Most an answer may differ from every on-chain answer of the deviation window, basis points"
          + " (default: ${DEFAULT-VALUE}).")
  long maxDeviationBps;

  @Option(names = "--deviation-window-s", defaultValue = "3600",
      description = "On-chain answers of this many seconds bound the deviation (default: ${DEFAULT-VALUE}).")
  long deviationWindowSeconds;

  @Option(names = "--max-rounds-per-hour", defaultValue = "60",
      description = "Windows signed per feed per hour at most (default: ${DEFAULT-VALUE}).")
  int maxRoundsPerHour;

  @Option(names = "--max-future-drift", defaultValue = "15",
      description = "Seconds a window may lie ahead of this signer's clock (default: ${DEFAULT-VALUE}).")
  long maxFutureDrift;

  @Option(names = "--journal", paramLabel = "FILE",
      description = "File of the windows this signer signed, kept across restarts (default: .stack/signer-journals/"
          + "CHAIN-GENESIS-ORACLE-SIGNER.journal).")
  java.nio.file.Path journal;

  @Option(names = "--deviation-floor", defaultValue = "100000000",
      description = "Absolute move always allowed, in scaled units (default: ${DEFAULT-VALUE} = 1.0 at 8 decimals).")
  BigInteger deviationFloor;

  @Option(names = "--max-rate", defaultValue = "20", description = "Signatures per second at most (default: ${DEFAULT-VALUE}).")
  double maxRate;

  @Option(names = "--proposal-wait-ms", defaultValue = "10000",
      description = "How long a proposal may wait for its requests (default: ${DEFAULT-VALUE}).")
  long proposalWaitMs;

  /**
   * The chain's genesis block hash, shortened: part of the default journal's name. A restarted dev chain reuses
   * chain id and contract addresses (the first deployment of account 0 always lands at the same address) but has a
   * new genesis, and its oracle must not inherit the journal of the previous chain's oracle.
   */
  static String genesis(String rpcUrl) throws java.io.IOException {
    org.web3j.protocol.Web3j web3j = org.web3j.protocol.Web3j.build(new org.web3j.protocol.http.HttpService(rpcUrl));
    try {
      return web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameter.valueOf(java.math.BigInteger.ZERO),
          false).send().getBlock().getHash().substring(2, 14);
    } finally {
      web3j.shutdown();
    }
  }

  @Override
  public Integer call() throws Exception {
    StackDefaults stack = new StackDefaults();
    OracleDeployment d = common.deployment(stack);
    SignerKey signerKey = key.load(stack);
    if (!d.signers().contains(signerKey.address())) {
      System.err.println("warning: " + signerKey.address() + " is not a registered signer of oracle " + d.oracle());
    }
    java.nio.file.Path journalFile = journal != null ? journal : stack.stackDir.resolve("signer-journals")
        .resolve(d.chainId() + "-" + genesis(common.rpc(stack)) + "-" + d.oracle().toLowerCase() + "-"
            + signerKey.address() + ".journal");
    SignerBounds bounds = SignerBounds.builder(new HashSet<>(feeds.isEmpty() ? d.feeds() : feeds))
        .maxDeviationBps(maxDeviationBps).deviationFloor(deviationFloor)
        .deviationWindow(Duration.ofSeconds(deviationWindowSeconds)).maxRoundsPerHour(maxRoundsPerHour)
        .maxSignaturesPerSecond(maxRate).maxFutureDrift(Duration.ofSeconds(maxFutureDrift)).build();
    OracleSigner signer = new OracleSigner(new OracleSigner.Config(common.kafka(stack, "signer"), common.topics(), d.chainId(),
        d.oracle(), common.rpc(stack), Duration.ofMillis(proposalWaitMs), journalFile), signerKey, bounds);
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      signer.stop();
      try {
        main.join(5_000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }));
    System.err.println("signer " + signerKey.address() + " running (Ctrl-C stops)");
    signer.run();
    return 0;
  }
}
