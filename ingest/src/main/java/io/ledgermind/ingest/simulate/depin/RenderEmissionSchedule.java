package io.ledgermind.ingest.simulate.depin;

import java.math.BigInteger;
import java.util.List;

/**
 * Render Network emissions (Burn-Mint Equilibrium): a yearly amount set by governance, minted linearly over the year.
 * The whole year-1 emission was 9,126,804 RENDER, i.e. 760,567 per month (RNP-001, RNP-006), of which 2.3M went to
 * node operators; the current emission year gives node operators 1.5M (docs/domain.md). The simulator pays node
 * operators, so its default is {@link #operatorRewards}.
 *
 * <p>Later years are a governance decision, so they are configuration: pass the list of yearly amounts; years past
 * the end of the list repeat its last amount.
 *
 * <p>Exact: {@link #cumulative(long)} floors the linear schedule in smallest units, and each interval mints the
 * difference of cumulative values, so any partition of time mints exactly the yearly amount in total (no rounding
 * drift, whatever the epoch length).
 *
 * <pre>{@code
 * RenderEmissionSchedule schedule = RenderEmissionSchedule.rnp001(18);
 * BigInteger epochMint = schedule.between(dayStartMillis, dayEndMillis);
 * }</pre>
 */
public final class RenderEmissionSchedule {
  /** Length of an emission year: 365 days, so a month (a twelfth) is exactly 2,628,000,000 ms. */
  public static final long YEAR_MILLIS = 365L * 86_400_000L;
  /** Year 1 emission, whole RENDER (RNP-001). */
  public static final long YEAR_ONE_TOKENS = 9_126_804L;

  private final List<BigInteger> yearly;

  /** @param yearly emission per year in smallest units, year 1 first */
  public RenderEmissionSchedule(List<BigInteger> yearly) {
    if (yearly.isEmpty() || yearly.stream().anyMatch(a -> a.signum() < 0)) {
      throw new IllegalArgumentException("yearly emissions: at least one, none negative");
    }
    this.yearly = List.copyOf(yearly);
  }

  /** Node operators' yearly emission of the current emission year, whole RENDER. */
  public static final long OPERATOR_TOKENS_PER_YEAR = 1_500_000L;

  /** Node-operator rewards: {@value #OPERATOR_TOKENS_PER_YEAR} tokens a year with {@code decimals} decimals. */
  public static RenderEmissionSchedule operatorRewards(int decimals) {
    return new RenderEmissionSchedule(
        List.of(BigInteger.valueOf(OPERATOR_TOKENS_PER_YEAR).multiply(BigInteger.TEN.pow(decimals))));
  }

  /** The whole year-1 emission: 9,126,804 tokens with {@code decimals} decimals, repeated afterwards. */
  public static RenderEmissionSchedule rnp001(int decimals) {
    return new RenderEmissionSchedule(List.of(BigInteger.valueOf(YEAR_ONE_TOKENS).multiply(BigInteger.TEN.pow(decimals))));
  }

  /** Amount minted from the start of emissions to {@code elapsedMillis} later. */
  public BigInteger cumulative(long elapsedMillis) {
    if (elapsedMillis < 0) {
      throw new IllegalArgumentException("elapsed time must be >= 0: " + elapsedMillis);
    }
    long fullYears = elapsedMillis / YEAR_MILLIS;
    BigInteger total = BigInteger.ZERO;
    for (long year = 0; year < fullYears; year++) {
      total = total.add(yearAmount(year));
    }
    long intoYear = elapsedMillis % YEAR_MILLIS;
    return total.add(yearAmount(fullYears).multiply(BigInteger.valueOf(intoYear)).divide(BigInteger.valueOf(YEAR_MILLIS)));
  }

  /** Amount minted in [fromMillis, toMillis) since the start of emissions. */
  public BigInteger between(long fromMillis, long toMillis) {
    return cumulative(toMillis).subtract(cumulative(fromMillis));
  }

  private BigInteger yearAmount(long year) {
    return yearly.get((int) Math.min(year, yearly.size() - 1));
  }
}
