package io.ledgermind.ingest.simulate.depin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Burn-Mint Equilibrium of the Render-like simulator. */
class RenderSimulatorTest {
  private static final BigInteger TOKEN = BigInteger.TEN.pow(18);

  @Test
  void everyPaymentIsBurnedLessTheFivePercentFee() {
    List<DepinUsageEvent> events = run(RenderParams.builder().seed(1).jobsPerBlock(2).build(), 3_000);
    Map<String, List<DepinUsageEvent>> byTx = events.stream()
        .filter(e -> e.getKind() == DepinEventKind.PAYMENT || e.getKind() == DepinEventKind.BURN)
        .collect(Collectors.groupingBy(e -> e.getMeta().getTxHash()));
    assertThat(byTx).hasSizeGreaterThan(100);
    byTx.values().forEach(pair -> {
      assertThat(pair).extracting(DepinUsageEvent::getKind).containsExactly(DepinEventKind.PAYMENT, DepinEventKind.BURN);
      BigInteger payment = new BigInteger(pair.get(0).getAmount());
      BigInteger burn = new BigInteger(pair.get(1).getAmount());
      assertThat(burn.multiply(BigInteger.valueOf(100))).isEqualTo(payment.multiply(BigInteger.valueOf(95)));
      assertThat(pair.get(1).getWorkId()).isEqualTo(pair.get(0).getWorkId());
      assertThat(pair.get(1).getConsumer()).isEqualTo(pair.get(0).getConsumer());
    });
  }

  @Test
  void theFeeIsConfiguration() {
    List<DepinUsageEvent> events = run(RenderParams.builder().seed(2).jobsPerBlock(2).feeBasisPoints(1_000).build(),
        1_000);
    Map<String, BigInteger> payments = new HashMap<>();
    events.stream().filter(e -> e.getKind() == DepinEventKind.PAYMENT)
        .forEach(e -> payments.put(e.getWorkId(), new BigInteger(e.getAmount())));
    List<DepinUsageEvent> burns = events.stream().filter(e -> e.getKind() == DepinEventKind.BURN).toList();
    assertThat(burns).isNotEmpty().allSatisfy(b -> assertThat(new BigInteger(b.getAmount()).multiply(BigInteger.TEN))
        .isEqualTo(payments.get(b.getWorkId()).multiply(BigInteger.valueOf(9))));
  }

  @Test
  void paymentIsPricePerTierTimesWork() {
    RenderParams params = RenderParams.builder().seed(3).build();
    List<DepinUsageEvent> events = run(params, 2_000);
    assertThat(events).filteredOn(e -> e.getKind() == DepinEventKind.PAYMENT).isNotEmpty().allSatisfy(e -> {
      int tier = Integer.parseInt(e.getProviderClass().substring("tier-".length()));
      BigInteger tenths = new BigDecimal(e.getResourceUnits()).movePointRight(1).toBigIntegerExact();
      assertThat(new BigInteger(e.getAmount()))
          .isEqualTo(params.pricePerTenthObhByTier().get(tier - 1).multiply(tenths));
      assertThat(e.getDenom()).isEqualTo("RENDER");
      assertThat(e.getDecimals()).isEqualTo(8); // RENDER on Solana
    });
  }

  @Test
  void jobsCompleteAfterTheyAreSubmitted() {
    List<DepinUsageEvent> events = run(RenderParams.builder().seed(4).build(), 2_000);
    Map<String, Long> submitted = new HashMap<>();
    for (DepinUsageEvent e : events) {
      if (e.getKind() == DepinEventKind.JOB_SUBMITTED) {
        submitted.put(e.getWorkId(), e.getMeta().getBlockNumber());
      } else if (e.getKind() == DepinEventKind.JOB_COMPLETED) {
        assertThat(submitted).containsKey(e.getWorkId());
        assertThat(e.getMeta().getBlockNumber()).isGreaterThan(submitted.get(e.getWorkId()));
        assertThat(e.getProvider()).isNotNull();
      }
    }
  }

  @Test
  void yearOneScheduleMints760567PerMonthAnd9126804PerYear() {
    RenderEmissionSchedule schedule = RenderEmissionSchedule.rnp001(18);
    assertThat(schedule.cumulative(RenderEmissionSchedule.YEAR_MILLIS / 12))
        .isEqualTo(BigInteger.valueOf(760_567).multiply(TOKEN));
    assertThat(schedule.cumulative(RenderEmissionSchedule.YEAR_MILLIS))
        .isEqualTo(BigInteger.valueOf(9_126_804).multiply(TOKEN));
    BigInteger daily = BigInteger.ZERO;
    long day = Duration.ofDays(1).toMillis();
    for (int d = 0; d < 365; d++) {
      daily = daily.add(schedule.between(d * day, (d + 1) * day));
    }
    assertThat(daily).isEqualTo(BigInteger.valueOf(9_126_804).multiply(TOKEN));
  }

  /**
   * At the defaults a simulated day burns RENDER of the public order (≈ 4,000 a day, about 120k a month) and mints
   * the node operators' daily share of 1.5M a year, in 8-decimal units.
   */
  @Test
  void defaultCalibrationMatchesPublicMagnitudes() {
    List<DepinUsageEvent> events = run(RenderParams.builder().seed(6).build(), 3 * 7_200);
    BigInteger renderUnit = BigInteger.TEN.pow(8);
    long burnedPerDay = sumOf(events, DepinEventKind.BURN).divide(renderUnit).longValue() / 3;
    long epochsPaid = events.stream().filter(e -> e.getKind() == DepinEventKind.MINT).map(DepinUsageEvent::getWorkId)
        .distinct().count();
    long mintedPerDay = sumOf(events, DepinEventKind.MINT).divide(renderUnit).longValue() / epochsPaid;
    assertThat(burnedPerDay).isBetween(2_000L, 8_000L);
    assertThat(mintedPerDay).isBetween(4_000L, 4_200L); // 1,500,000 / 365 = 4,109.6
    assertThat(events).filteredOn(e -> e.getKind() == DepinEventKind.JOB_COMPLETED).hasSizeBetween(900, 1_800);
  }

  private static BigInteger sumOf(List<DepinUsageEvent> events, DepinEventKind kind) {
    return events.stream().filter(e -> e.getKind() == kind).map(e -> new BigInteger(e.getAmount()))
        .reduce(BigInteger.ZERO, BigInteger::add);
  }

  @Test
  void laterYearsAreConfigurable() {
    RenderEmissionSchedule schedule = new RenderEmissionSchedule(List.of(BigInteger.valueOf(1200), BigInteger.valueOf(600)));
    assertThat(schedule.cumulative(2 * RenderEmissionSchedule.YEAR_MILLIS)).isEqualTo(BigInteger.valueOf(1800));
    assertThat(schedule.between(2 * RenderEmissionSchedule.YEAR_MILLIS, 3 * RenderEmissionSchedule.YEAR_MILLIS))
        .isEqualTo(BigInteger.valueOf(600)); // the last year repeats
  }

  @Test
  void epochMintsSumToTheScheduleAndFollowCompletedWork() {
    RenderParams params = RenderParams.builder().seed(5).jobsPerBlock(1).payoutEpoch(Duration.ofHours(1)).build();
    // 300 blocks per hour; block 1,450 is 4 h 50 min in: epochs 0..3 are paid (in blocks 300, 600, 900, 1,200).
    List<DepinUsageEvent> events = run(params, 1_450);
    Map<String, List<DepinUsageEvent>> mints = events.stream().filter(e -> e.getKind() == DepinEventKind.MINT)
        .collect(Collectors.groupingBy(DepinUsageEvent::getWorkId, TreeMap::new, Collectors.toList()));
    assertThat(mints).containsOnlyKeys("emission-epoch-0", "emission-epoch-1", "emission-epoch-2", "emission-epoch-3");

    long hour = Duration.ofHours(1).toMillis();
    for (int epoch = 0; epoch < 4; epoch++) {
      List<DepinUsageEvent> paid = mints.get("emission-epoch-" + epoch);
      BigInteger total = paid.stream().map(e -> new BigInteger(e.getAmount())).reduce(BigInteger.ZERO, BigInteger::add);
      assertThat(total).isEqualTo(params.emissions().between(epoch * hour, (epoch + 1) * hour));

      // Work completed in the epoch, per operator, from the JOB_COMPLETED events.
      long from = params.genesis().toEpochMilli() + epoch * hour;
      Map<String, BigDecimal> work = new TreeMap<>();
      events.stream().filter(e -> e.getKind() == DepinEventKind.JOB_COMPLETED)
          .filter(e -> e.getMeta().getEventTime().toEpochMilli() >= from
              && e.getMeta().getEventTime().toEpochMilli() < from + hour)
          .forEach(e -> work.merge(e.getProvider(), new BigDecimal(e.getResourceUnits()), BigDecimal::add));
      Map<String, BigDecimal> minted = new TreeMap<>();
      paid.forEach(e -> minted.put(e.getProvider(), new BigDecimal(e.getResourceUnits())));
      assertThat(minted).isEqualTo(work);
      BigDecimal totalWork = work.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      for (DepinUsageEvent e : paid) {
        BigDecimal expected = new BigDecimal(total).multiply(new BigDecimal(e.getResourceUnits()))
            .divide(totalWork, 0, java.math.RoundingMode.FLOOR);
        // Floor share, except the rounding remainder (< number of operators) that one operator receives.
        assertThat(new BigDecimal(e.getAmount()).subtract(expected).abs()).isLessThanOrEqualTo(BigDecimal.valueOf(paid.size()));
      }
    }
  }

  @Test
  void rejectsPricesThatWouldRoundTheBurn() {
    assertThatThrownBy(() -> RenderParams.builder().feeBasisPoints(500)
        .pricePerTenthObhByTier(List.of(BigInteger.valueOf(30))).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple of 20");
  }

  private static List<DepinUsageEvent> run(RenderParams params, int blocks) {
    RenderSimulator sim = new RenderSimulator(params);
    List<DepinUsageEvent> out = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      sim.next().events().forEach(e -> out.add((DepinUsageEvent) e));
    }
    return out;
  }
}
