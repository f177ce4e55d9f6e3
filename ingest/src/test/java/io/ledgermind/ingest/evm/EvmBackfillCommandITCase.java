package io.ledgermind.ingest.evm;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.evm.cli.EvmCommand;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/**
 * {@code ledgermind ingest evm --to-block} as a user runs it: a bounded backfill resumed at the head after a reorg that
 * replaced the newest blocks without lengthening the chain must still retract the orphaned events.
 */
class EvmBackfillCommandITCase {
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();

  @Test
  void aBackfillResumedAtTheHeadRetractsAReorgThatDidNotLengthenTheChain() throws Exception {
    EvmTestBed bed = new EvmTestBed(KAFKA, CHAIN);
    String snapshot = CHAIN.rpc("evm_snapshot", List.of()).getResult();
    long base = CHAIN.blockNumber().longValueExact();
    for (int i = 0; i < 3; i++) {
      bed.driver.mint(1 + i, BigInteger.valueOf(1_000_000L * (i + 1)));
    }
    long head = CHAIN.blockNumber().longValueExact();
    assertThat(backfill(bed, head)).contains("0 retractions");

    // A reorg of depth 3 at the same height: other blocks, other amounts and recipients, no new block.
    CHAIN.rpc("evm_revert", List.of(snapshot));
    assertThat(CHAIN.blockNumber().longValueExact()).isEqualTo(base);
    for (int i = 0; i < 3; i++) {
      bed.driver.mint(6 - i, BigInteger.valueOf(9_000_000L * (i + 1)));
    }
    assertThat(CHAIN.blockNumber().longValueExact()).isEqualTo(head);

    String second = backfill(bed, head);
    assertThat(second).doesNotContain(" 0 retractions");
    List<SpecificRecord> records = bed.stablecoinTopic(1);
    assertThat(records).filteredOn(r -> r instanceof Retraction).hasSizeGreaterThanOrEqualTo(3);
    assertThat(EvmTestBed.netEventIds(records)).isEqualTo(bed.canonicalEventIds());
  }

  /** Runs the command to {@code toBlock} and returns what it printed. */
  private static String backfill(EvmTestBed bed, long toBlock) {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = new CommandLine(new EvmCommand()).execute("--rpc-url", CHAIN.rpcUrl(), "--chain-id",
          Long.toString(CHAIN.chainId()), "--kafka-config", KAFKA.clientConfigFile().toString(), "--topic-prefix", bed.prefix,
          "--reader-id", "backfill", "--confirmations", "0", "--from-block", Long.toString(bed.deployedAt),
          "--contract", bed.usdc + ":USDC:USDC:6", "--contract", bed.usdt + ":USDT:USDT:6",
          "--to-block", Long.toString(toBlock), "--poll-interval-ms", "50");
    } finally {
      System.setOut(out);
    }
    String text = printed.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(text).isZero();
    return text;
  }
}
