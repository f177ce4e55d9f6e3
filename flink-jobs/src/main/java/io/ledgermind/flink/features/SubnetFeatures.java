package io.ledgermind.flink.features;

import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Bittensor subnet features per netuid and tempo (360 blocks of 12 s = 72 min by default; both are subtensor
 * parameters, hence configuration): mean emission share and pool price over the window's snapshots, the price's
 * distance from its moving average, and the exact TAO emitted and net TAO staked.
 *
 * <p>A snapshot's emission is a per-block rate and its flows cover {@code blocksCovered} blocks (a tempo for the
 * simulator, one block for the Subtensor reader; null on old records = one tempo): the exact emission of the window
 * is Σ rate × blocksCovered, and {@code blocks} says how many of the window's blocks the snapshots stand for.
 *
 * <p>Means are kept as sums and counts so that a retracted snapshot leaves the window exactly.
 */
public final class SubnetFeatures implements FeatureDefinition {
  private static final long serialVersionUID = 1L;

  private static final double RAO_PER_TAO = 1e9;

  private final Duration window;

  public SubnetFeatures(Duration window) {
    this.window = window;
  }

  /** One tempo: 360 blocks of 12 s. */
  public static SubnetFeatures defaults() {
    return new SubnetFeatures(Duration.ofSeconds(360 * 12));
  }

  @Override
  public Domain domain() {
    return Domain.BITTENSOR;
  }

  @Override
  public Duration window() {
    return window;
  }

  @Override
  public Optional<Contribution> extract(SpecificRecord record) {
    if (!(record instanceof SubnetSnapshot s)) {
      return Optional.empty();
    }
    double movingPrice = s.getMovingPrice() == null ? s.getPrice() : s.getMovingPrice();
    int blocks = s.getBlocksCovered() == null ? s.getTempo() : s.getBlocksCovered();
    Accumulator acc = new Accumulator().countEvent()
        .addSum("snapshots", 1)
        .addSum("emission_share", s.getEmissionShare())
        .addSum("price", s.getPrice())
        .addSum("moving_price", movingPrice)
        .addSum("tao_reserve", new BigInteger(s.getTaoReserve()).doubleValue() / RAO_PER_TAO)
        // Alpha held outside the pool (SubnetAlphaOut: stakers, miners, owner); the pool's reserve on old records.
        .addSum("alpha_staked", staked(s) / RAO_PER_TAO)
        .addSum("blocks", blocks)
        .addExact("tao_emission", new BigInteger(s.getTaoEmission()).multiply(BigInteger.valueOf(blocks)))
        .addExact("alpha_emission", new BigInteger(s.getAlphaEmission()).multiply(BigInteger.valueOf(blocks)))
        .addExact("net_tao_flow", new BigInteger(s.getNetTaoFlow()));
    return Optional.of(new Contribution("netuid:" + s.getNetuid(), s.getMeta().getEventTime().toEpochMilli(),
        s.getMeta().getEventId(), acc));
  }

  private static double staked(SubnetSnapshot s) {
    String held = s.getAlphaOutstanding() != null ? s.getAlphaOutstanding() : s.getAlphaReserve();
    return new BigInteger(held).doubleValue();
  }

  @Override
  public Map<String, Double> values(Accumulator w) {
    double n = w.sum("snapshots");
    Map<String, Double> values = new LinkedHashMap<>();
    double price = n > 0 ? w.sum("price") / n : 0.0;
    double movingPrice = n > 0 ? w.sum("moving_price") / n : 0.0;
    values.put("emission_share", n > 0 ? w.sum("emission_share") / n : 0.0);
    values.put("price", price);
    values.put("log_price_to_ema", price > 0 && movingPrice > 0 ? Math.log(price / movingPrice) : 0.0);
    values.put("tao_emission", w.exact("tao_emission").doubleValue() / RAO_PER_TAO);
    values.put("alpha_emission", w.exact("alpha_emission").doubleValue() / RAO_PER_TAO);
    values.put("tao_reserve", n > 0 ? w.sum("tao_reserve") / n : 0.0);
    values.put("alpha_staked", n > 0 ? w.sum("alpha_staked") / n : 0.0);
    values.put("snapshots", n);
    values.put("blocks", w.sum("blocks"));
    return values;
  }

  @Override
  public Map<String, String> exactValues(Accumulator w) {
    Map<String, String> values = new TreeMap<>();
    for (String name : new String[] {"tao_emission", "alpha_emission", "net_tao_flow"}) {
      values.put(name, w.exact(name).toString());
    }
    return values;
  }
}
