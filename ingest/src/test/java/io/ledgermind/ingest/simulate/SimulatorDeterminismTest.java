package io.ledgermind.ingest.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.ingest.simulate.stablecoin.StablecoinParams;
import io.ledgermind.ingest.simulate.stablecoin.StablecoinSimulator;
import io.ledgermind.ingest.simulate.stablecoin.StablecoinToken;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.serde.AvroCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Same seed, same bytes; another seed, another stream; provenance complete on every record. */
class SimulatorDeterminismTest {
  private static final AvroCodec CODEC = AvroCodec.standard();
  private static final long BLOCKS = 800; // > 2 tempos, so Bittensor emits snapshots too

  @ParameterizedTest
  @EnumSource(SimulationDomain.class)
  void sameSeedGivesByteIdenticalStream(SimulationDomain domain) {
    List<byte[]> first = encoded(domain.create(42, 1.0, OptionalLong.of(BLOCKS)));
    List<byte[]> second = encoded(domain.create(42, 1.0, OptionalLong.of(BLOCKS)));

    assertThat(first).isNotEmpty();
    assertThat(second).hasSameSizeAs(first);
    for (int i = 0; i < first.size(); i++) {
      assertThat(second.get(i)).as("event %d", i).isEqualTo(first.get(i));
    }
  }

  @ParameterizedTest
  @EnumSource(SimulationDomain.class)
  void differentSeedsGiveDifferentStreams(SimulationDomain domain) {
    List<byte[]> seed1 = encoded(domain.create(1, 1.0, OptionalLong.of(BLOCKS)));
    List<byte[]> seed2 = encoded(domain.create(2, 1.0, OptionalLong.of(BLOCKS)));

    Set<String> a = new HashSet<>(seed1.stream().map(java.util.Arrays::toString).toList());
    long shared = seed2.stream().map(java.util.Arrays::toString).filter(a::contains).count();
    assertThat(shared).isZero(); // ids, hashes and source differ, so not a single record may coincide
  }

  @Test
  void addingATokenDoesNotShiftTheDrawsOfTheOthers() {
    StablecoinParams usdcOnly = StablecoinParams.builder().seed(9).tokens(List.of(StablecoinToken.usdc())).build();
    StablecoinParams both = StablecoinParams.builder().seed(9)
        .tokens(List.of(StablecoinToken.usdc(), StablecoinToken.usdt())).build();

    List<byte[]> alone = usdc(new StablecoinSimulator(usdcOnly));
    List<byte[]> withUsdt = usdc(new StablecoinSimulator(both));

    assertThat(alone).hasSizeGreaterThan(100).hasSameSizeAs(withUsdt);
    for (int i = 0; i < alone.size(); i++) {
      assertThat(withUsdt.get(i)).as("USDC event %d", i).isEqualTo(alone.get(i));
    }
  }

  @Test
  void everyEventCarriesCompleteProvenance() {
    Simulator all = SimulationDomain.ALL.create(5, 1.0, OptionalLong.of(BLOCKS));
    Set<String> ids = new HashSet<>();
    Map<String, Long> lastBlock = new HashMap<>();
    int events = 0;
    while (all.hasNext()) {
      SimulatedBlock block = all.next();
      Long previous = lastBlock.put(block.chainId(), block.number());
      assertThat(previous == null || block.number() == previous + 1).as("consecutive blocks on %s", block.chainId())
          .isTrue();
      for (SpecificRecord event : block.events()) {
        EventMeta meta = (EventMeta) event.get(event.getSchema().getField("meta").pos());
        assertThat(ids.add(meta.getEventId())).as("unique id %s", meta.getEventId()).isTrue();
        assertThat(meta.getChainId()).startsWith("sim:").isEqualTo(block.chainId());
        assertThat(meta.getBlockNumber()).isEqualTo(block.number());
        assertThat(meta.getBlockHash()).matches("0x[0-9a-f]{64}");
        assertThat(meta.getEventTime()).isEqualTo(block.time());
        assertThat(meta.getIngestTime()).isEqualTo(block.time());
        assertThat(meta.getSource()).matches("simulator:[a-z-]+:seed=5");
        if (!meta.getChainId().equals("sim:bittensor")) {
          assertThat(meta.getTxHash()).matches("0x[0-9a-f]{64}");
          assertThat(meta.getLogIndex()).isNotNull().isNotNegative();
        }
        events++;
      }
    }
    assertThat(lastBlock).containsOnlyKeys("sim:stablecoin", "sim:render", "sim:akash", "sim:bittensor")
        .allSatisfy((chain, last) -> assertThat(last).isEqualTo(BLOCKS));
    assertThat(events).isGreaterThan(1_000);
  }

  @Test
  void mergedDomainsComeInSimulatedTimeOrder() {
    Simulator all = SimulationDomain.ALL.create(3, 1.0, OptionalLong.of(300));
    SimulatedBlock previous = null;
    while (all.hasNext()) {
      SimulatedBlock block = all.next();
      if (previous != null) {
        assertThat(block.time()).isAfterOrEqualTo(previous.time());
      }
      previous = block;
    }
  }

  private static List<byte[]> encoded(Simulator simulator) {
    List<byte[]> out = new ArrayList<>();
    while (simulator.hasNext()) {
      simulator.next().events().forEach(e -> out.add(CODEC.encode(e)));
    }
    return out;
  }

  private static List<byte[]> usdc(StablecoinSimulator simulator) {
    Simulator limited = Simulators.limit(simulator, 600);
    List<byte[]> out = new ArrayList<>();
    while (limited.hasNext()) {
      limited.next().events().stream().filter(e -> ((StablecoinEvent) e).getToken().equals("USDC"))
          .forEach(e -> out.add(CODEC.encode(e)));
    }
    return out;
  }
}
