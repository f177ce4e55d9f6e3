package io.ledgermind.oracle.transmit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.kafka.KafkaClients;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import io.ledgermind.oracle.report.ReportDigest;
import io.ledgermind.oracle.signer.OracleSigner;
import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.SignedReport;
import io.ledgermind.schemas.topics.RoleAcls;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthorizationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The stack's Kafka principals, each with the ACLs {@link RoleAcls} grants on this class's own topics: only the job
 * can write an oracle request, and a request nobody but the job could write is never signed.
 */
class KafkaRolesITCase {
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  static final String FEED = "USDC/net_flow";

  static OracleHarness harness;

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(KAFKA.clientConfig().secured(), "the stack's Kafka authenticates its clients");
    harness = new OracleHarness(CHAIN, KAFKA, null, List.of(FEED));
    RoleAcls.ensure(KAFKA.admin(), harness.prefix);
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
  }

  static KafkaClientConfig role(String name) {
    return KAFKA.roleConfig(name).orElseThrow();
  }

  /** Sends one record as {@code role}; the broker's answer (an authorization error, or none). */
  static void send(String role, String topic, SpecificRecord value) throws Exception {
    try (KafkaProducer<String, SpecificRecord> producer = KafkaClients.producer(role(role), "roles-" + role)) {
      producer.send(new ProducerRecord<>(topic, FEED, value)).get(30, TimeUnit.SECONDS);
    }
  }

  static OracleRequest request(long answer) throws Exception {
    return harness.request(FEED, 1, answer, harness.chainNow().minusSeconds(120));
  }

  @Test
  void onlyTheJobWritesOracleRequests() throws Exception {
    OracleRequest forged = request(999_000_000);
    for (String other : List.of("transmitter", "signer", "quant", "ingest")) {
      assertThatThrownBy(() -> send(other, harness.topics.requests(), forged)).as(other)
          .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(AuthorizationException.class);
    }
    // Each writer keeps to its own topics: a signer cannot propose, a transmitter cannot sign, quants write nothing.
    assertThatThrownBy(() -> send("signer", harness.topics.reports(), proposal(List.of(forged))))
        .hasCauseInstanceOf(AuthorizationException.class);
    assertThatThrownBy(() -> send("quant", harness.topics.reports(), proposal(List.of(forged))))
        .hasCauseInstanceOf(AuthorizationException.class);
    send("transmitter", harness.topics.reports(), proposal(List.of(forged)));
    send("job", harness.topics.requests(), request(100_000_000));
  }

  @Test
  void aRequestNoJobWroteIsNeverSigned() throws Exception {
    OracleSigner signer = harness.startSigners(role("signer"), Duration.ofSeconds(2), 0).get(0);
    OracleRequest forged = harness.request(FEED, 2, 555_000_000, harness.chainNow().minusSeconds(60));
    assertThatThrownBy(() -> send("transmitter", harness.topics.requests(), forged))
        .hasCauseInstanceOf(AuthorizationException.class);
    // The transmitter proposes the forged value anyway: the signer has seen no such request and refuses.
    send("transmitter", harness.topics.reports(), proposal(List.of(forged)));
    OracleHarness.await("the signer refuses the proposal", Duration.ofSeconds(30), () -> signer.refused() == 1);
    assertThat(signer.signed()).isZero();

    // The same proposal once the job has written that request: signed (the signer works with its own principal).
    send("job", harness.topics.requests(), forged);
    send("transmitter", harness.topics.reports(), proposal(List.of(forged)));
    OracleHarness.await("the signer signs the job's request", Duration.ofSeconds(30), () -> signer.signed() == 1);
  }

  /** An unsigned proposal of these requests as the transmitter puts it on the reports topic. */
  static SignedReport proposal(List<OracleRequest> requests) throws Exception {
    List<FeedUpdateEntry> entries = requests.stream().map(FeedUpdateEntry::of).toList();
    long version = new OracleChain(CHAIN.web3j(), harness.deployment.oracle()).configVersion();
    String digest = new ReportDigest(CHAIN.chainId(), harness.deployment.oracle()).digestHex(version, entries);
    return SignedReport.newBuilder().setReportId(digest + "-" + System.nanoTime())
        .setEntries(entries.stream().map(FeedUpdateEntry::toAvro).toList()).setDigest(digest)
        .setSignatures(List.of()).setQuorum(3).setCreatedAt(Instant.now()).build();
  }
}
