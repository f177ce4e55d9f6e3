package io.ledgermind.world.bittensor;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Protocol rules and market behaviour of the {@link SubnetEconomy}. Every rule that subtensor has changed over time
 * is a setting here, defaulting to the value in docs/domain.md or, where it is silent, to subtensor's runtime
 * constant (named in each setter's Javadoc): tempo 360, total supply 21M TAO, 1 TAO base block emission with
 * issuance-based halving, starting past the first halving (10.6M TAO issued: 0.5 TAO a block, 3,600 TAO a day),
 * the {@link EmissionRule} (PRICE_EMA by default, TAOFLOW selectable), equal pool weights (price = tao_reserve /
 * alpha_reserve), alpha injection capped at root_proportion × alpha_emission, and a network of 128 subnets
 * (subtensor's SubnetLimit) of which {@code subnets} are simulated one by one.
 *
 * <pre>{@code
 * EconomyParams params = EconomyParams.builder()
 *     .seed(42)
 *     .initialIssuance(TaoEmission.tao(10_499_000))   // just below the first halving
 *     .emissionRule(EmissionRule.TAOFLOW)
 *     .subnets(16)
 *     .build();
 * }</pre>
 */
public final class EconomyParams {
  private final long seed;
  private final long firstBlock;
  private final int tempo;
  private final int subnets;
  private final int networkSubnets;
  private final BigInteger totalSupply;
  private final BigInteger baseBlockEmission;
  private final BigInteger initialIssuance;
  private final EmissionRule emissionRule;
  private final double movingAlpha;
  private final long emaPriceHalvingBlocks;
  private final long subnetAgeBlocks;
  private final double flowEmaSmoothing;
  private final double flowNormExponent;
  private final double taoFlowCutoff;
  private final double taoWeight;
  private final BigInteger rootTao;
  private final int poolTaoWeightPpm;
  private final double stakeProbabilityPerBlock;
  private final double minerBurnProbability;
  private final double maxMinerBurned;
  private final double stakerShare;

  private EconomyParams(Builder b) {
    this.seed = b.seed;
    this.firstBlock = b.firstBlock;
    this.tempo = b.tempo;
    this.subnets = b.subnets;
    this.networkSubnets = b.networkSubnets;
    this.totalSupply = b.totalSupply;
    this.baseBlockEmission = b.baseBlockEmission;
    this.initialIssuance = b.initialIssuance;
    this.emissionRule = b.emissionRule;
    this.movingAlpha = b.movingAlpha;
    this.emaPriceHalvingBlocks = b.emaPriceHalvingBlocks;
    this.subnetAgeBlocks = b.subnetAgeBlocks;
    this.flowEmaSmoothing = b.flowEmaSmoothing;
    this.flowNormExponent = b.flowNormExponent;
    this.taoFlowCutoff = b.taoFlowCutoff;
    this.taoWeight = b.taoWeight;
    this.rootTao = b.rootTao;
    this.poolTaoWeightPpm = b.poolTaoWeightPpm;
    this.stakeProbabilityPerBlock = b.stakeProbabilityPerBlock;
    this.minerBurnProbability = b.minerBurnProbability;
    this.maxMinerBurned = b.maxMinerBurned;
    this.stakerShare = b.stakerShare;
  }

  public static Builder builder() {
    return new Builder();
  }

  public int tempo() {
    return tempo;
  }

  /** Seed of every random draw (genesis reserves, trades, MinerBurned). */
  public long seed() {
    return seed;
  }

  /** Number of the first simulated block: block numbers key the random draws and the tempo phase. */
  public long firstBlock() {
    return firstBlock;
  }

  public int subnets() {
    return subnets;
  }

  /** Subnets on the network, simulated or not: the emission is shared among all of them. */
  public int networkSubnets() {
    return networkSubnets;
  }

  public BigInteger totalSupply() {
    return totalSupply;
  }

  public BigInteger baseBlockEmission() {
    return baseBlockEmission;
  }

  public BigInteger initialIssuance() {
    return initialIssuance;
  }

  public EmissionRule emissionRule() {
    return emissionRule;
  }

  public double movingAlpha() {
    return movingAlpha;
  }

  public long emaPriceHalvingBlocks() {
    return emaPriceHalvingBlocks;
  }

  public long subnetAgeBlocks() {
    return subnetAgeBlocks;
  }

  public double flowEmaSmoothing() {
    return flowEmaSmoothing;
  }

  public double flowNormExponent() {
    return flowNormExponent;
  }

  public double taoFlowCutoff() {
    return taoFlowCutoff;
  }

  public double taoWeight() {
    return taoWeight;
  }

  public BigInteger rootTao() {
    return rootTao;
  }

  public int poolTaoWeightPpm() {
    return poolTaoWeightPpm;
  }

  public double stakeProbabilityPerBlock() {
    return stakeProbabilityPerBlock;
  }

  public double minerBurnProbability() {
    return minerBurnProbability;
  }

  public double maxMinerBurned() {
    return maxMinerBurned;
  }

  /** Part of a subnet's participant alpha emission paid to validators and their stakers, pro rata to stake. */
  public double stakerShare() {
    return stakerShare;
  }

  /** Equal when every setting is: histories of the same economy and seed are the same. */
  @Override
  public boolean equals(Object other) {
    if (!(other instanceof EconomyParams o)) {
      return false;
    }
    return Objects.equals(seed, o.seed) && Objects.equals(firstBlock, o.firstBlock) &&
        Objects.equals(tempo, o.tempo) && Objects.equals(subnets, o.subnets) &&
        Objects.equals(networkSubnets, o.networkSubnets) && Objects.equals(totalSupply, o.totalSupply) &&
        Objects.equals(baseBlockEmission, o.baseBlockEmission) &&
        Objects.equals(initialIssuance, o.initialIssuance) && Objects.equals(emissionRule, o.emissionRule) &&
        Objects.equals(movingAlpha, o.movingAlpha) &&
        Objects.equals(emaPriceHalvingBlocks, o.emaPriceHalvingBlocks) &&
        Objects.equals(subnetAgeBlocks, o.subnetAgeBlocks) && Objects.equals(flowEmaSmoothing, o.flowEmaSmoothing) &&
        Objects.equals(flowNormExponent, o.flowNormExponent) && Objects.equals(taoFlowCutoff, o.taoFlowCutoff) &&
        Objects.equals(taoWeight, o.taoWeight) && Objects.equals(rootTao, o.rootTao) &&
        Objects.equals(poolTaoWeightPpm, o.poolTaoWeightPpm) &&
        Objects.equals(stakeProbabilityPerBlock, o.stakeProbabilityPerBlock) &&
        Objects.equals(minerBurnProbability, o.minerBurnProbability) &&
        Objects.equals(maxMinerBurned, o.maxMinerBurned) && Objects.equals(stakerShare, o.stakerShare);
  }

  @Override
  public int hashCode() {
    return Objects.hash(seed, firstBlock, tempo, subnets, networkSubnets, totalSupply, baseBlockEmission,
        initialIssuance, emissionRule, movingAlpha, emaPriceHalvingBlocks, subnetAgeBlocks, flowEmaSmoothing,
        flowNormExponent, taoFlowCutoff, taoWeight, rootTao, poolTaoWeightPpm, stakeProbabilityPerBlock,
        minerBurnProbability, maxMinerBurned, stakerShare);
  }

  /** A builder holding these values, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.firstBlock = firstBlock;
    b.tempo = tempo;
    b.subnets = subnets;
    b.networkSubnets = networkSubnets;
    b.totalSupply = totalSupply;
    b.baseBlockEmission = baseBlockEmission;
    b.initialIssuance = initialIssuance;
    b.emissionRule = emissionRule;
    b.movingAlpha = movingAlpha;
    b.emaPriceHalvingBlocks = emaPriceHalvingBlocks;
    b.subnetAgeBlocks = subnetAgeBlocks;
    b.flowEmaSmoothing = flowEmaSmoothing;
    b.flowNormExponent = flowNormExponent;
    b.taoFlowCutoff = taoFlowCutoff;
    b.taoWeight = taoWeight;
    b.rootTao = rootTao;
    b.poolTaoWeightPpm = poolTaoWeightPpm;
    b.stakeProbabilityPerBlock = stakeProbabilityPerBlock;
    b.minerBurnProbability = minerBurnProbability;
    b.maxMinerBurned = maxMinerBurned;
    b.stakerShare = stakerShare;
    return b;
  }

  /** Builder for {@link EconomyParams}. */
  public static final class Builder {
    private long seed = 42;
    private long firstBlock;
    private int tempo = 360;
    private int subnets = 8;
    private int networkSubnets = 128;
    private BigInteger totalSupply = TaoEmission.TOTAL_SUPPLY_RAO;
    private BigInteger baseBlockEmission = TaoEmission.RAO_PER_TAO;
    private BigInteger initialIssuance = TaoEmission.tao(10_600_000);
    private EmissionRule emissionRule = EmissionRule.PRICE_EMA;
    private double movingAlpha = 0.000003;
    private long emaPriceHalvingBlocks = 201_600;
    private long subnetAgeBlocks = 216_000;
    private double flowEmaSmoothing = 29_597_889_189_277.0 / Long.MAX_VALUE;
    private double flowNormExponent = 1.0;
    private double taoFlowCutoff = Double.NEGATIVE_INFINITY;
    private double taoWeight = 971_718_665_099_567_868.0 / 18_446_744_073_709_551_615.0;
    private BigInteger rootTao = TaoEmission.tao(6_000_000);
    private int poolTaoWeightPpm = 500_000;
    private double stakeProbabilityPerBlock = 0.3;
    private double minerBurnProbability = 0.3;
    private double maxMinerBurned = 0.5;
    private double stakerShare = 0.41;

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder firstBlock(long firstBlock) {
      this.firstBlock = firstBlock;
      return this;
    }

    /** Blocks per epoch: 360 (subtensor {@code InitialTempo} on finney). */
    public Builder tempo(int tempo) {
      this.tempo = tempo;
      return this;
    }

    /**
     * Subnets on the network (subtensor's SubnetLimit, 128 since May 2025): the ones beyond {@link #subnets} are
     * not simulated one by one; together they weigh as much as that many average simulated subnets, so a simulated
     * subnet's share is about 1/networkSubnets, as on chain. Equal to {@code subnets}: only the simulated ones.
     */
    public Builder networkSubnets(int networkSubnets) {
      this.networkSubnets = networkSubnets;
      return this;
    }

    /** Number of simulated subnets, netuids 1..n (root, netuid 0, is not simulated). */
    public Builder subnets(int subnets) {
      this.subnets = subnets;
      return this;
    }

    /** 21M TAO in rao. */
    public Builder totalSupply(BigInteger rao) {
      this.totalSupply = rao;
      return this;
    }

    /** Emission per block before any halving: 1 TAO ({@code DefaultBlockEmission}). */
    public Builder baseBlockEmission(BigInteger rao) {
      this.baseBlockEmission = rao;
      return this;
    }

    /** TAO issued before the first simulated block, rao; drives the halving. */
    public Builder initialIssuance(BigInteger rao) {
      this.initialIssuance = rao;
      return this;
    }

    public Builder emissionRule(EmissionRule rule) {
      this.emissionRule = rule;
      return this;
    }

    /** {@code SubnetMovingAlpha}: 0.000003 (subtensor default). */
    public Builder movingAlpha(double movingAlpha) {
      this.movingAlpha = movingAlpha;
      return this;
    }

    /** {@code EMAPriceHalvingBlocks}: 201,600 (4 weeks, finney runtime). */
    public Builder emaPriceHalvingBlocks(long blocks) {
      this.emaPriceHalvingBlocks = blocks;
      return this;
    }

    /** Age of every subnet at the first block (it damps the moving-price EMA of young subnets). */
    public Builder subnetAgeBlocks(long blocks) {
      this.subnetAgeBlocks = blocks;
      return this;
    }

    /** Per-block smoothing of the net TAO flow EMA: {@code FlowEmaSmoothingFactor} / i64::MAX (~30-day half-life). */
    public Builder flowEmaSmoothing(double factor) {
      this.flowEmaSmoothing = factor;
      return this;
    }

    /** {@code FlowNormExponent} p: 1. */
    public Builder flowNormExponent(double p) {
      this.flowNormExponent = p;
      return this;
    }

    /** {@code TaoFlowCutoff} in rao; the default (−∞) leaves L = min(0, min EMA). */
    public Builder taoFlowCutoff(double rao) {
      this.taoFlowCutoff = rao;
      return this;
    }

    /** {@code TaoWeight} as a fraction: 971,718,665,099,567,868 / u64::MAX (finney runtime). */
    public Builder taoWeight(double taoWeight) {
      this.taoWeight = taoWeight;
      return this;
    }

    /** TAO staked on root (netuid 0), rao: with taoWeight it sets each subnet's root proportion. */
    public Builder rootTao(BigInteger rao) {
      this.rootTao = rao;
      return this;
    }

    /** Pool weight of TAO in parts per million, in [100,000, 900,000]; 500,000 = equal weights. */
    public Builder poolTaoWeightPpm(int ppm) {
      this.poolTaoWeightPpm = ppm;
      return this;
    }

    /** Chance per block and subnet that someone stakes or unstakes. */
    public Builder stakeProbabilityPerBlock(double p) {
      this.stakeProbabilityPerBlock = p;
      return this;
    }

    /** Chance per tempo and subnet that miner emission is withheld (MinerBurned > 0), and its maximum. */
    public Builder minerBurn(double probability, double max) {
      this.minerBurnProbability = probability;
      this.maxMinerBurned = max;
      return this;
    }

    /**
     * Validators' and stakers' part of the participant alpha emission: 0.41. subtensor keeps the owner cut
     * ({@code SubnetOwnerCut}, 18 %) and splits the rest evenly between miners and validators (docs/domain.md).
     */
    public Builder stakerShare(double share) {
      this.stakerShare = share;
      return this;
    }

    public EconomyParams build() {
      Objects.requireNonNull(emissionRule, "emissionRule");
      if (tempo <= 0 || subnets <= 0 || firstBlock < 0) {
        throw new IllegalArgumentException("tempo > 0, subnets > 0, firstBlock >= 0 required");
      }
      if (networkSubnets < subnets) {
        throw new IllegalArgumentException("networkSubnets (" + networkSubnets + ") < simulated subnets (" + subnets
            + ")");
      }
      if (initialIssuance.signum() < 0 || initialIssuance.compareTo(totalSupply) > 0) {
        throw new IllegalArgumentException("initialIssuance must be in [0, totalSupply]: " + initialIssuance);
      }
      if (poolTaoWeightPpm < 100_000 || poolTaoWeightPpm > 900_000) {
        throw new IllegalArgumentException("poolTaoWeightPpm must be in [100000, 900000] (weights in [0.1, 0.9])");
      }
      if (flowNormExponent < 1) {
        throw new IllegalArgumentException("flowNormExponent must be >= 1: " + flowNormExponent);
      }
      if (maxMinerBurned < 0 || maxMinerBurned > 1 || minerBurnProbability < 0 || minerBurnProbability > 1
          || stakeProbabilityPerBlock < 0 || stakeProbabilityPerBlock > 1 || stakerShare < 0 || stakerShare > 1) {
        throw new IllegalArgumentException("probabilities, maxMinerBurned and stakerShare must be in [0, 1]");
      }
      return new EconomyParams(this);
    }
  }
}
