package io.ledgermind.oracle.transmit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.oracle.PublicationOutcome;
import io.ledgermind.schemas.oracle.PublicationStatus;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.protocol.core.DefaultBlockParameterName;

/**
 * Fees: a base-fee spike above the cap skips the report with a logged alert and sends nothing; a stuck transaction
 * is replaced (same nonce, +12.5%) within the cap; one that cannot be replaced within the cap raises an alert and is
 * waited for.
 */
class TransmitterFeeITCase {
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  static final String FEED = "USDC/net_flow";
  static final BigInteger GWEI = BigInteger.TEN.pow(9);
  static OracleHarness harness;

  @BeforeAll
  static void start() throws Exception {
    harness = new OracleHarness(CHAIN, KAFKA, null, List.of(FEED));
    harness.startSigners(0, 1, 2, 3, 4);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      CHAIN.rpc("evm_setAutomine", List.of(true));
      CHAIN.rpc("anvil_setNextBlockBaseFeePerGas", List.of("0x" + GWEI.toString(16)));
    } finally {
      if (harness != null) {
        harness.close();
      }
    }
  }

  long round = 0;

  void produceNext() throws Exception {
    round++;
    harness.produce(harness.request(FEED, round, 500_000_000L + round, harness.chainNow()));
  }

  /** True when {@code o} settles (or tells about) the request of the current round. */
  boolean forCurrentRound(PublicationOutcome o) {
    return o.getRounds().stream().anyMatch(r -> (FEED + ":" + round).equals(r.getRequestId()));
  }

  PublicationOutcome awaitOutcome(PublicationStatus status) throws InterruptedException {
    OracleHarness.await(status + " outcome for round " + round, Duration.ofSeconds(30), () -> harness.outcomes.stream()
        .anyMatch(o -> o.getStatus() == status && forCurrentRound(o)));
    return harness.outcomes.stream().filter(o -> o.getStatus() == status && forCurrentRound(o)).findFirst()
        .orElseThrow();
  }

  long nonce(DefaultBlockParameterName at) throws Exception {
    return CHAIN.web3j().ethGetTransactionCount(CHAIN.devAccount(OracleHarness.SENDER_ACCOUNT).getAddress(), at)
        .send().getTransactionCount().longValueExact();
  }

  @Test
  void spikeSkipsStuckIsReplacedAndTheCapHolds() throws Exception {
    BigInteger cap = GWEI.multiply(BigInteger.valueOf(200));
    FeePolicy fees = new FeePolicy(cap, GWEI, Duration.ofMillis(700), Duration.ofSeconds(60));
    Transmitter transmitter = harness.startTransmitter(harness.transmitterConfig(CHAIN.rpcUrl(), fees),
        CHAIN.rpcUrl(), CrashPoints.none());

    // 1. Base fee spike to 500 gwei, above the 200 gwei cap: skipped with an alert, nothing sent.
    CHAIN.rpc("anvil_setNextBlockBaseFeePerGas", List.of("0x" + GWEI.multiply(BigInteger.valueOf(500)).toString(16)));
    long before = nonce(DefaultBlockParameterName.PENDING);
    produceNext();
    PublicationOutcome skipped = awaitOutcome(PublicationStatus.SKIPPED);
    assertThat(skipped.getDetail()).startsWith("fee cap");
    assertThat(skipped.getTxHash()).isNull();
    assertThat(nonce(DefaultBlockParameterName.PENDING)).isEqualTo(before);
    assertThat(Files.readString(Path.of("target/oracle-test.log"))).contains("ALERT fee spike");

    // 2. Spike over: the next round goes through.
    CHAIN.rpc("anvil_setNextBlockBaseFeePerGas", List.of("0x" + GWEI.toString(16)));
    produceNext();
    awaitOutcome(PublicationStatus.CONFIRMED);

    // 3. Stuck (no blocks mined): replaced with higher fees, same nonce; the replacement is what gets mined.
    CHAIN.rpc("evm_setAutomine", List.of(false));
    try {
      produceNext();
      OracleHarness.await("first attempt in the pool", Duration.ofSeconds(15), () -> {
        try {
          return nonce(DefaultBlockParameterName.PENDING) > nonce(DefaultBlockParameterName.LATEST);
        } catch (Exception e) {
          return false;
        }
      });
      Thread.sleep(1_800); // > 2 x stuckAfter: at least one replacement
      CHAIN.rpc("evm_mine", List.of());
    } finally {
      CHAIN.rpc("evm_setAutomine", List.of(true));
    }
    PublicationOutcome confirmed = awaitOutcome(PublicationStatus.CONFIRMED);
    assertThat(confirmed.getAttempts()).isGreaterThanOrEqualTo(2);
    assertThat(harness.outcomes).anyMatch(o -> o.getStatus() == PublicationStatus.REPLACED && forCurrentRound(o));
    var mined = CHAIN.web3j().ethGetTransactionByHash(confirmed.getTxHash()).send().getTransaction().orElseThrow();
    assertThat(mined.getMaxFeePerGas()).isLessThanOrEqualTo(cap);
    assertThat(mined.getMaxPriorityFeePerGas()).isGreaterThan(GWEI);
    harness.stopTransmitter(transmitter);

    // 4. A cap too tight to keep replacing within: alert, wait for what is in the pool, never exceed the cap.
    FeePolicy tight = new FeePolicy(GWEI.multiply(BigInteger.valueOf(3)), GWEI, Duration.ofMillis(500),
        Duration.ofSeconds(60));
    harness.startTransmitter(harness.transmitterConfig(CHAIN.rpcUrl(), tight), CHAIN.rpcUrl(), CrashPoints.none());
    // Base fee exactly 1 gwei: the first attempt then offers 2 x 1 + 1 = 3 gwei, the cap itself, so the very first
    // replacement would exceed it. (Left to drift, the base fee decides how many replacements fit, and a slow machine
    // mined before the alert.)
    CHAIN.rpc("anvil_setNextBlockBaseFeePerGas", List.of("0x" + GWEI.toString(16)));
    CHAIN.rpc("evm_mine", List.of());
    long alertsBefore = capAlerts();
    CHAIN.rpc("evm_setAutomine", List.of(false));
    try {
      produceNext();
      OracleHarness.await("the cap alert", Duration.ofSeconds(20), () -> capAlerts() > alertsBefore);
      assertThat(nonce(DefaultBlockParameterName.PENDING) - nonce(DefaultBlockParameterName.LATEST)).isEqualTo(1);
      CHAIN.rpc("evm_mine", List.of());
    } finally {
      CHAIN.rpc("evm_setAutomine", List.of(true));
    }
    PublicationOutcome capped = awaitOutcome(PublicationStatus.CONFIRMED);
    var cappedTx = CHAIN.web3j().ethGetTransactionByHash(capped.getTxHash()).send().getTransaction().orElseThrow();
    assertThat(cappedTx.getMaxFeePerGas()).isLessThanOrEqualTo(tight.maxFeeCap());
    assertThat(capAlerts()).isGreaterThan(alertsBefore);
    assertThat(harness.publishedRounds()).hasSize(3).doesNotHaveDuplicates();
  }

  /** Cap alerts in the test log so far (the file outlives a run, so count rather than look for one). */
  private static long capAlerts() {
    try {
      String log = Files.readString(Path.of("target/oracle-test.log"));
      return log.split("cannot be replaced within the fee cap", -1).length - 1L;
    } catch (java.io.IOException e) {
      return 0;
    }
  }
}
