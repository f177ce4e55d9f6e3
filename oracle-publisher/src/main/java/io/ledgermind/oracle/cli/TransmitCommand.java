package io.ledgermind.oracle.cli;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.signer.SignerKey;
import io.ledgermind.oracle.transmit.CrashPoints;
import io.ledgermind.oracle.transmit.FeePolicy;
import io.ledgermind.oracle.transmit.OutcomeRecorder;
import io.ledgermind.oracle.transmit.Transmitter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ledgermind oracle transmit}: the one transmitter (one sender account). */
@Command(name = "transmit", mixinStandardHelpOptions = true,
    description = {"Run the transmitter: batch oracle requests that deviate or are due by heartbeat, gather quorum"
        + " signatures, publish on-chain from one sender, record outcomes to Kafka and ClickHouse.",
        "Run exactly one per oracle. Stops on Ctrl-C."})
public final class TransmitCommand implements Callable<Integer> {
  @Mixin KeyOptions key = new KeyOptions();
  @Mixin CommonOptions common = new CommonOptions();

  @Option(names = "--deviation-bps", defaultValue = "50", description = "Publish on this move, basis points (default: ${DEFAULT-VALUE}).")
  long deviationBps;

  @Option(names = "--heartbeat-s", defaultValue = "3600", description = "Publish at least this often, seconds (default: ${DEFAULT-VALUE}).")
  long heartbeatSeconds;

  @Option(names = "--max-batch", defaultValue = "10", description = "Feeds per transaction (default: ${DEFAULT-VALUE}).")
  int maxBatch;

  @Option(names = "--linger-ms", defaultValue = "100", description = "Wait for more feeds to batch (default: ${DEFAULT-VALUE}).")
  long lingerMs;

  @Option(names = "--signature-timeout-ms", defaultValue = "5000", description = "Wait for quorum (default: ${DEFAULT-VALUE}).")
  long signatureTimeoutMs;

  @Option(names = "--max-fee-gwei", defaultValue = "200", description = "Fee cap, gwei per gas (default: ${DEFAULT-VALUE}).")
  BigDecimal maxFeeGwei;

  @Option(names = "--tip-gwei", defaultValue = "1", description = "Priority fee, gwei per gas (default: ${DEFAULT-VALUE}).")
  BigDecimal tipGwei;

  @Option(names = "--stuck-after-ms", defaultValue = "15000", description = "Replace a tx without receipt after (default: ${DEFAULT-VALUE}).")
  long stuckAfterMs;

  @Option(names = "--give-up-after-s", defaultValue = "180", description = "Outcome UNKNOWN after, then reconcile (default: ${DEFAULT-VALUE}).")
  long giveUpAfterSeconds;

  @Option(names = "--receipt-poll-ms", defaultValue = "10", description = "Receipt polling interval (default: ${DEFAULT-VALUE}).")
  long receiptPollMs;

  @Option(names = "--clickhouse-url", description = "ClickHouse HTTP URL for outcomes (default: the local stack's; 'none' to skip).")
  String clickHouseUrl;

  @Option(names = "--clickhouse-database", defaultValue = "ledgermind", description = "ClickHouse database (default: ${DEFAULT-VALUE}).")
  String clickHouseDatabase;

  @Override
  public Integer call() throws Exception {
    StackDefaults stack = new StackDefaults();
    OracleDeployment d = common.deployment(stack);
    SignerKey sender = key.load(stack);
    String rpc = common.rpc(stack);
    String chUrl = clickHouseUrl != null ? clickHouseUrl : stack.get("LEDGERMIND_CLICKHOUSE_URL");
    ClickHouseHttpClient clickHouse = chUrl == null || chUrl.equals("none") ? null
        : ClickHouseHttpClient.builder().url(chUrl)
            .user(stack.env.getOrDefault("LEDGERMIND_CLICKHOUSE_USER", "default"))
            .password(stack.env.getOrDefault("LEDGERMIND_CLICKHOUSE_PASSWORD", "")).build();
    FeePolicy fees = new FeePolicy(gwei(maxFeeGwei), gwei(tipGwei), Duration.ofMillis(stuckAfterMs),
        Duration.ofSeconds(giveUpAfterSeconds));
    Transmitter.Config config = new Transmitter.Config(common.kafka(stack, "transmitter"), common.topics(),
        "ledgermind-oracle-transmitter-" + d.oracle().toLowerCase(), d.chainId(), d.oracle(), deviationBps,
        Duration.ofSeconds(heartbeatSeconds), maxBatch, Duration.ofMillis(lingerMs),
        Duration.ofMillis(signatureTimeoutMs), 3, fees, Duration.ofMillis(receiptPollMs), Duration.ofMinutes(5));
    Web3j web3j = Web3j.build(new HttpService(rpc));
    Transmitter transmitter = new Transmitter(config, web3j, sender.credentials(),
        OutcomeRecorder.Factory.of(config.topics().outcomes(), clickHouse, clickHouseDatabase), CrashPoints.none());
    Thread main = Thread.currentThread();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      transmitter.stop();
      try {
        main.join(10_000);
      } catch (InterruptedException ignored) {
        Thread.currentThread().interrupt();
      }
    }));
    System.err.println("transmitter " + sender.address() + " running for oracle " + d.oracle() + " (Ctrl-C stops)");
    try {
      transmitter.run();
    } finally {
      web3j.shutdown();
    }
    return 0;
  }

  static BigInteger gwei(BigDecimal gwei) {
    return gwei.movePointRight(9).toBigInteger();
  }
}
