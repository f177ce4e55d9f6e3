package io.ledgermind.ingest.simulate.depin;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Akash-like lease lifecycles: order, bids, lease on the cheapest bid, close with the amount owed. */
class AkashSimulatorTest {
  private static final List<DepinUsageEvent> EVENTS = new ArrayList<>();
  private static final Map<String, List<DepinUsageEvent>> BY_WORK = new LinkedHashMap<>();

  @BeforeAll
  static void simulate() {
    AkashSimulator sim = new AkashSimulator(AkashParams.builder().seed(8).deploymentsPerBlock(0.3)
        .leaseBlocks(20, 600).build());
    for (int i = 0; i < 3_000; i++) {
      sim.next().events().forEach(e -> EVENTS.add((DepinUsageEvent) e));
    }
    EVENTS.forEach(e -> BY_WORK.computeIfAbsent(e.getWorkId(), k -> new ArrayList<>()).add(e));
  }

  /** Defaults: about 510 new leases a day (46k a quarter), about $20 paid per lease (1 uact = $0.000001). */
  @Test
  void defaultCalibrationMatchesPublicMagnitudes() {
    AkashSimulator sim = new AkashSimulator(AkashParams.builder().seed(9).build());
    int blocksPerDay = 13_292; // 86,400 s / 6.5 s
    long leases = 0;
    java.math.BigInteger paid = java.math.BigInteger.ZERO;
    long closed = 0;
    for (int i = 0; i < 4 * blocksPerDay; i++) {
      for (var record : sim.next().events()) {
        DepinUsageEvent e = (DepinUsageEvent) record;
        if (e.getKind() == DepinEventKind.LEASE_CREATED) {
          leases++;
        } else if (e.getKind() == DepinEventKind.LEASE_CLOSED) {
          closed++;
          paid = paid.add(new java.math.BigInteger(e.getAmount()));
        }
      }
    }
    assertThat(leases / 4).isBetween(400L, 650L);
    // Closed leases are biased to the short ones over 4 days, so the bound is loose below.
    assertThat(paid.longValue() / closed / 1_000_000).as("mean USD per closed lease").isBetween(2L, 60L);
  }

  @Test
  void everyLeaseFollowsOrderThenBidsThenLeaseThenClose() {
    List<List<DepinUsageEvent>> closed = BY_WORK.values().stream()
        .filter(events -> events.stream().anyMatch(e -> e.getKind() == DepinEventKind.LEASE_CLOSED)).toList();
    assertThat(closed).hasSizeGreaterThan(100);
    for (List<DepinUsageEvent> lifecycle : closed) {
      DepinUsageEvent order = lifecycle.get(0);
      assertThat(order.getKind()).isEqualTo(DepinEventKind.ORDER_CREATED);
      List<DepinUsageEvent> bids = lifecycle.stream().filter(e -> e.getKind() == DepinEventKind.BID_CREATED).toList();
      DepinUsageEvent lease = single(lifecycle, DepinEventKind.LEASE_CREATED);
      DepinUsageEvent close = single(lifecycle, DepinEventKind.LEASE_CLOSED);
      assertThat(bids).isNotEmpty().allSatisfy(bid -> {
        assertThat(block(bid)).isGreaterThan(block(order));
        assertThat(block(bid)).isLessThan(block(lease));
      });
      assertThat(block(close)).isGreaterThan(block(lease));
      assertThat(lifecycle).extracting(DepinUsageEvent::getKind).last().isEqualTo(DepinEventKind.LEASE_CLOSED);
    }
  }

  @Test
  void theLeaseGoesToTheCheapestBidAtItsPrice() {
    BY_WORK.values().stream().filter(l -> l.stream().anyMatch(e -> e.getKind() == DepinEventKind.LEASE_CREATED))
        .forEach(lifecycle -> {
          DepinUsageEvent cheapest = lifecycle.stream().filter(e -> e.getKind() == DepinEventKind.BID_CREATED)
              .min(Comparator.comparing(e -> new BigDecimal(e.getPricePerBlock()))).orElseThrow();
          DepinUsageEvent lease = single(lifecycle, DepinEventKind.LEASE_CREATED);
          assertThat(lease.getProvider()).isEqualTo(cheapest.getProvider());
          assertThat(lease.getPricePerBlock()).isEqualTo(cheapest.getPricePerBlock());
        });
  }

  @Test
  void closeOwesPricePerBlockTimesLeaseBlocksInWholeUact() {
    BY_WORK.values().stream().filter(l -> l.stream().anyMatch(e -> e.getKind() == DepinEventKind.LEASE_CLOSED))
        .forEach(lifecycle -> {
          DepinUsageEvent lease = single(lifecycle, DepinEventKind.LEASE_CREATED);
          DepinUsageEvent close = single(lifecycle, DepinEventKind.LEASE_CLOSED);
          long blocks = block(close) - block(lease);
          assertThat(close.getResourceUnits()).isEqualTo(Long.toString(blocks));
          assertThat(close.getAmount()).isEqualTo(new BigDecimal(lease.getPricePerBlock())
              .multiply(BigDecimal.valueOf(blocks)).setScale(0, RoundingMode.FLOOR).toPlainString());
        });
  }

  @Test
  void pricesAreDecCoinsInUactAndIdsAreAkashLeaseIds() {
    assertThat(EVENTS).filteredOn(e -> e.getPricePerBlock() != null).isNotEmpty().allSatisfy(e -> {
      assertThat(e.getPricePerBlock()).matches("[0-9]+\\.[0-9]{18}");
      assertThat(e.getDenom()).isEqualTo("uact");
      assertThat(e.getDecimals()).isEqualTo(6);
    });
    assertThat(EVENTS).allSatisfy(e -> {
      assertThat(e.getWorkId()).matches("akash1[02-9ac-hj-np-z]{38}/[0-9]+/1/1");
      assertThat(e.getConsumer()).isEqualTo(e.getWorkId().substring(0, e.getWorkId().indexOf('/')));
    });
  }

  @Test
  void blocksAreSixAndAHalfSecondsApart() {
    DepinUsageEvent first = EVENTS.get(0);
    DepinUsageEvent later = EVENTS.get(EVENTS.size() - 1);
    long blocks = block(later) - block(first);
    assertThat(Duration.between(first.getMeta().getEventTime(), later.getMeta().getEventTime()))
        .isEqualTo(Duration.ofMillis(6_500 * blocks));
  }

  private static DepinUsageEvent single(List<DepinUsageEvent> lifecycle, DepinEventKind kind) {
    List<DepinUsageEvent> matching = lifecycle.stream().filter(e -> e.getKind() == kind).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }

  private static long block(DepinUsageEvent e) {
    return e.getMeta().getBlockNumber();
  }
}
