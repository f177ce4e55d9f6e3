package io.ledgermind.ingest.simulate.bittensor;

import static io.ledgermind.world.bittensor.TaoEmission.tao;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgermind.schemas.raw.SubnetSnapshot;
import io.ledgermind.world.bittensor.EmissionRule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Halving, tempo snapshots, exact emission split and pool pricing of the Bittensor simulator. */
class BittensorSimulatorTest {
  private static final int BLOCKS_PER_DAY = 7_200;

  @Test
  void dailyIssuanceIs7200TaoJustBelowTheHalvingThreshold() {
    BigInteger start = tao(10_500_000).subtract(tao(7_200)).subtract(BigInteger.ONE); // ends 1 rao short
    BittensorSimulator sim = new BittensorSimulator(BittensorParams.builder().seed(1).initialIssuance(start).build());
    List<SubnetSnapshot> snapshots = run(sim, BLOCKS_PER_DAY);

    assertThat(sim.totalIssuance().subtract(start)).isEqualTo(tao(7_200));
    SubnetSnapshot last = snapshots.get(snapshots.size() - 1);
    assertThat(new BigInteger(last.getTotalIssuance()).subtract(start)).isEqualTo(tao(7_200));
    assertThat(last.getBlockEmission()).isEqualTo("1000000000");
  }

  @Test
  void dailyIssuanceIs3600TaoJustAboveTheHalvingThreshold() {
    BigInteger start = tao(10_500_000).add(BigInteger.ONE);
    BittensorSimulator sim = new BittensorSimulator(BittensorParams.builder().seed(1).initialIssuance(start).build());
    List<SubnetSnapshot> snapshots = run(sim, BLOCKS_PER_DAY);

    assertThat(sim.totalIssuance().subtract(start)).isEqualTo(tao(3_600));
    assertThat(snapshots).allSatisfy(s -> assertThat(s.getBlockEmission()).isEqualTo("500000000"));
  }

  @Test
  void aDayThatCrossesTheThresholdHalvesAtTheCrossingBlock() {
    BigInteger start = tao(10_500_000).subtract(tao(100));
    BittensorSimulator sim = new BittensorSimulator(BittensorParams.builder().seed(1).initialIssuance(start).build());
    run(sim, BLOCKS_PER_DAY);
    // 100 blocks at 1 TAO reach 10.5M exactly; the other 7,100 blocks pay 0.5 TAO.
    assertThat(sim.totalIssuance().subtract(start)).isEqualTo(tao(100).add(tao(7_100).divide(BigInteger.TWO)));
  }

  @Test
  void oneSnapshotPerNetuidPerTempo() {
    BittensorSimulator sim = new BittensorSimulator(BittensorParams.builder().seed(2).subnets(5).build());
    List<SubnetSnapshot> snapshots = run(sim, 3 * 360);

    Map<Long, List<Integer>> byBlock = snapshots.stream().collect(Collectors.groupingBy(
        s -> s.getMeta().getBlockNumber(), TreeMap::new, Collectors.mapping(SubnetSnapshot::getNetuid,
            Collectors.toList())));
    assertThat(byBlock).containsOnlyKeys(360L, 720L, 1080L);
    assertThat(byBlock.values()).allSatisfy(netuids -> assertThat(netuids).containsExactly(1, 2, 3, 4, 5));
    assertThat(snapshots).allSatisfy(s -> assertThat(s.getTempo()).isEqualTo(360));
  }

  @ParameterizedTest
  @EnumSource(EmissionRule.class)
  void subnetEmissionsSumExactlyToTheBlockEmissionAndSharesToOne(EmissionRule rule) {
    // A network of the simulated subnets only: then they share the whole block emission.
    BittensorSimulator sim = new BittensorSimulator(BittensorParams.builder().seed(3).emissionRule(rule)
        .networkSubnets(8).snapshotInterval(50).build());
    List<SubnetSnapshot> snapshots = run(sim, 2_000);

    Map<Long, List<SubnetSnapshot>> byBlock = snapshots.stream()
        .collect(Collectors.groupingBy(s -> s.getMeta().getBlockNumber()));
    assertThat(byBlock).hasSize(40);
    byBlock.forEach((block, group) -> {
      BigInteger sum = group.stream().map(s -> new BigInteger(s.getTaoEmission())).reduce(BigInteger.ZERO,
          BigInteger::add);
      assertThat(sum).as("block %d", block).isEqualTo(new BigInteger(group.get(0).getBlockEmission()));
      double shares = group.stream().mapToDouble(SubnetSnapshot::getEmissionShare).sum();
      assertThat(shares).as("block %d", block).isCloseTo(1.0, within(1e-12));
      assertThat(group).allSatisfy(s -> assertThat(s.getEmissionRule()).isEqualTo(rule.name()));
    });
  }

  /**
   * Defaults: 8 simulated subnets of a 128-subnet network (SubnetLimit), past the first halving. Each simulated
   * subnet gets about 1/128 of 0.5 TAO a block (3,600 TAO a day), as the policy's market and the chain have it.
   */
  @ParameterizedTest
  @EnumSource(EmissionRule.class)
  void simulatedSubnetsGetTheirShareOfA128SubnetNetwork(EmissionRule rule) {
    List<SubnetSnapshot> snapshots = run(new BittensorSimulator(BittensorParams.builder().seed(3).emissionRule(rule)
        .build()), 1_080);
    Map<Long, List<SubnetSnapshot>> byBlock = snapshots.stream()
        .collect(Collectors.groupingBy(s -> s.getMeta().getBlockNumber()));
    assertThat(byBlock).hasSize(3);
    byBlock.forEach((block, group) -> {
      assertThat(group).hasSize(8).allSatisfy(s -> {
        assertThat(s.getBlockEmission()).isEqualTo("500000000"); // 0.5 TAO: 3,600 TAO a day
        assertThat(s.getEmissionShare()).isBetween(0.0, 8.0 / 128);
      });
      double shares = group.stream().mapToDouble(SubnetSnapshot::getEmissionShare).sum();
      assertThat(shares).as("block %d", block).isCloseTo(8.0 / 128, within(1e-12));
      BigInteger emitted = group.stream().map(s -> new BigInteger(s.getTaoEmission())).reduce(BigInteger.ZERO,
          BigInteger::add);
      assertThat(emitted.doubleValue() / 500_000_000).isCloseTo(8.0 / 128, within(1e-6));
    });
  }

  @Test
  void snapshotsCarryTheBlocksTheirFlowsCover() {
    List<SubnetSnapshot> snapshots = run(new BittensorSimulator(BittensorParams.builder().seed(7).build()), 1_080);
    // firstBlock 1: the first tempo's snapshot at block 360 covers blocks 1..360, every later one 360 blocks.
    assertThat(snapshots).allSatisfy(s -> assertThat(s.getBlocksCovered()).isEqualTo(360));
  }

  @Test
  void taoflowRuleRewardsInflowsMoreThanThePriceRule() {
    // Same seed, same flows: the rules must disagree on who gets what, or the switch would be cosmetic.
    List<SubnetSnapshot> price = run(new BittensorSimulator(BittensorParams.builder().seed(4).build()), 3_600);
    List<SubnetSnapshot> flow = run(new BittensorSimulator(BittensorParams.builder().seed(4)
        .emissionRule(EmissionRule.TAOFLOW).build()), 3_600);
    double[] priceShares = price.subList(price.size() - 8, price.size()).stream()
        .mapToDouble(SubnetSnapshot::getEmissionShare).toArray();
    double[] flowShares = flow.subList(flow.size() - 8, flow.size()).stream()
        .mapToDouble(SubnetSnapshot::getEmissionShare).toArray();
    assertThat(flowShares).isNotEqualTo(priceShares);
  }

  @Test
  void poolPriceIsTaoReserveOverAlphaReserveWithEqualWeights() {
    List<SubnetSnapshot> snapshots = run(new BittensorSimulator(BittensorParams.builder().seed(5).build()), 1_440);
    assertThat(snapshots).isNotEmpty().allSatisfy(s -> {
      double expected = new BigDecimal(s.getTaoReserve())
          .divide(new BigDecimal(s.getAlphaReserve()), MathContext.DECIMAL128).doubleValue();
      assertThat(s.getPrice()).isCloseTo(expected, within(expected * 1e-12));
    });
  }

  @Test
  void unequalWeightsScalePriceByTheWeightRatio() {
    List<SubnetSnapshot> snapshots = run(new BittensorSimulator(BittensorParams.builder().seed(5)
        .economy(e -> e.poolTaoWeightPpm(200_000)).build()), 720);
    assertThat(snapshots).isNotEmpty().allSatisfy(s -> {
      // p = (w_alpha · tao) / (w_tao · alpha) = 4 · tao / alpha
      double expected = 4 * new BigDecimal(s.getTaoReserve())
          .divide(new BigDecimal(s.getAlphaReserve()), MathContext.DECIMAL128).doubleValue();
      assertThat(s.getPrice()).isCloseTo(expected, within(expected * 1e-12));
    });
  }

  @Test
  void withoutRootStakeNoAlphaIsInjectedAndAllTaoBuysAlpha() {
    // root_proportion = 0 caps alpha injection at 0: alpha emission is exactly alpha_out (1 alpha per block).
    List<SubnetSnapshot> snapshots = run(new BittensorSimulator(BittensorParams.builder().seed(6)
        .economy(e -> e.rootTao(BigInteger.ZERO)).build()), 720);
    assertThat(snapshots).isNotEmpty()
        .allSatisfy(s -> assertThat(s.getAlphaEmission()).isEqualTo("1000000000"));
  }

  @Test
  void withHugeRootStakeAlphaIsInjectedBesideAlphaOut() {
    List<SubnetSnapshot> snapshots = run(new BittensorSimulator(BittensorParams.builder().seed(6)
        .economy(e -> e.rootTao(tao(1_000_000_000))).build()), 720);
    assertThat(snapshots).isNotEmpty()
        .allSatisfy(s -> assertThat(new BigInteger(s.getAlphaEmission())).isGreaterThan(BigInteger.valueOf(1_000_000_000)));
  }

  @Test
  void netFlowIsStakedMinusUnstakedAndReservesStayPositive() {
    List<SubnetSnapshot> snapshots = run(new BittensorSimulator(BittensorParams.builder().seed(7).build()), 7_200);
    assertThat(snapshots).allSatisfy(s -> {
      assertThat(new BigInteger(s.getNetTaoFlow()))
          .isEqualTo(new BigInteger(s.getTaoStaked()).subtract(new BigInteger(s.getTaoUnstaked())));
      assertThat(new BigInteger(s.getTaoReserve()).signum()).isPositive();
      assertThat(new BigInteger(s.getAlphaReserve()).signum()).isPositive();
      assertThat(s.getMinerBurnedFraction()).isBetween(0.0, 0.5);
    });
    assertThat(snapshots).anyMatch(s -> new BigInteger(s.getTaoStaked()).signum() > 0);
    assertThat(snapshots).anyMatch(s -> new BigInteger(s.getTaoUnstaked()).signum() > 0);
  }

  private static List<SubnetSnapshot> run(BittensorSimulator sim, int blocks) {
    List<SubnetSnapshot> out = new ArrayList<>();
    for (int i = 0; i < blocks; i++) {
      sim.next().events().forEach(e -> out.add((SubnetSnapshot) e));
    }
    return out;
  }
}
