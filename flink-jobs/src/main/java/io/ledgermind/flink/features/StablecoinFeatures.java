package io.ledgermind.flink.features;

import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.raw.StablecoinEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Hourly stablecoin features per token: supply change and net flow into tracked venues.
 *
 * <ul>
 *   <li><b>Supply</b> counts the supply events themselves: USDC {@code Mint}/{@code Burn}, USDT {@code Issue}/
 *       {@code Redeem} and {@code DestroyedBlackFunds} (which emits no Transfer at all, docs/domain.md). USDC's Transfer
 *       from/to the zero address mirrors its Mint/Burn and is therefore not counted again.
 *   <li><b>Flows</b> per counterparty class where the ingest knew it: {@code in:<CLASS>} and {@code out:<CLASS>}.
 *   <li><b>net_flow</b> (the forecast target, USD millions at a 1:1 peg) = transfers into the tracked venue classes
 *       (default EXCHANGE and BRIDGE) minus transfers out of them, in the window. One definition, documented in
 *       docs/domain.md: a mint counts when the new supply reaches a venue (the issuer's treasury is not a venue), a
 *       redemption when a venue sends funds to the issuer; a transfer between two venues nets to zero. Supply
 *       changes are their own features ({@code mint}, {@code burn}, {@code supply_change}), never added in again:
 *       counting a mint when it is minted and again when the treasury passes it on would count it twice.
 * </ul>
 *
 * Amounts stay exact integers in the smallest unit ({@code exactValues}); the doubles are model inputs only.
 */
public final class StablecoinFeatures implements FeatureDefinition {
  private static final long serialVersionUID = 1L;
  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";
  private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

  private final Duration window;
  private final Set<String> trackedVenues;

  public StablecoinFeatures(Duration window, Set<String> trackedVenues) {
    this.window = window;
    this.trackedVenues = Set.copyOf(trackedVenues);
  }

  /** Hourly windows, venues EXCHANGE and BRIDGE. */
  public static StablecoinFeatures defaults() {
    return new StablecoinFeatures(Duration.ofHours(1), Set.of("EXCHANGE", "BRIDGE"));
  }

  @Override
  public Domain domain() {
    return Domain.STABLECOIN;
  }

  @Override
  public Duration window() {
    return window;
  }

  @Override
  public Optional<Contribution> extract(SpecificRecord record) {
    if (!(record instanceof StablecoinEvent event)) {
      return Optional.empty();
    }
    BigInteger amount = new BigInteger(event.getAmount());
    Accumulator acc = new Accumulator().countEvent();
    acc.addMember("decimals", Integer.toString(event.getDecimals()));
    switch (event.getKind()) {
      case MINT, ISSUE -> acc.addExact("minted", amount);
      case BURN, REDEEM, DESTROYED_BLACK_FUNDS -> acc.addExact("burned", amount);
      case TRANSFER -> {
        if (ZERO_ADDRESS.equals(event.getFrom()) || ZERO_ADDRESS.equals(event.getTo())) {
          break; // mirrors a Mint/Burn that is counted above
        }
        acc.addExact("transfer_volume", amount).addSum("transfers", 1);
        if (event.getToClass() != null) {
          acc.addExact("in:" + event.getToClass(), amount);
        }
        if (event.getFromClass() != null) {
          acc.addExact("out:" + event.getFromClass(), amount);
        }
      }
      default -> throw new IllegalArgumentException("unhandled stablecoin event kind " + event.getKind());
    }
    return Optional.of(new Contribution(event.getToken(), event.getMeta().getEventTime().toEpochMilli(),
        event.getMeta().getEventId(), acc));
  }

  @Override
  public Map<String, String> exactValues(Accumulator w) {
    Map<String, String> values = new TreeMap<>();
    w.exactSums().forEach((name, amount) -> values.put(name, amount.toString()));
    values.put("supply_change", supplyChange(w).toString());
    values.put("net_flow", netFlow(w).toString());
    return values;
  }

  @Override
  public Map<String, Double> values(Accumulator w) {
    int decimals = decimals(w);
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("net_flow", millions(netFlow(w), decimals));
    values.put("mint", millions(w.exact("minted"), decimals));
    values.put("burn", millions(w.exact("burned"), decimals));
    values.put("supply_change", millions(supplyChange(w), decimals));
    values.put("transfer_volume", millions(w.exact("transfer_volume"), decimals));
    values.put("transfers", w.sum("transfers"));
    return values;
  }

  private static BigInteger supplyChange(Accumulator w) {
    return w.exact("minted").subtract(w.exact("burned"));
  }

  private BigInteger netFlow(Accumulator w) {
    BigInteger venues = BigInteger.ZERO;
    for (String venue : trackedVenues) {
      venues = venues.add(w.exact("in:" + venue)).subtract(w.exact("out:" + venue));
    }
    return venues;
  }

  private static int decimals(Accumulator w) {
    // Every event of a token carries the same decimals; an empty window has none and its amounts are all zero.
    return w.members("decimals").keySet().stream().findFirst().map(Integer::parseInt).orElse(0);
  }

  private static double millions(BigInteger amount, int decimals) {
    return new BigDecimal(amount).movePointLeft(decimals).divide(MILLION).doubleValue();
  }
}
