package io.ledgermind.flink.features;

import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Daily DePIN usage per network and provider class: Render ({@code render}) and Akash split into GPU and CPU
 * providers ({@code akash:gpu}, {@code akash:cpu}), the entities the usage forecaster was trained on.
 *
 * <ul>
 *   <li><b>usage</b>: Render OctaneBench hours of completed jobs; Akash lease-hours of closed leases (lease blocks ×
 *       the Akash block time, 6.5 s by default: a protocol parameter, hence configuration).
 *   <li><b>providers</b>: distinct providers active in the window.
 *   <li>exact amounts per denomination, never added across denominations: {@code paid:<denom>:<decimals>} (job
 *       payments, lease settlements), {@code burned:…} and {@code minted:…} (Render's burn-mint equilibrium), e.g.
 *       {@code burned:RENDER:8}, {@code paid:uact:6}. Akash leases are paid in uakt, uact or IBC USDC depending on
 *       the period and the tenant, and the same denom string has meant 18-decimal RNDR and 8-decimal RENDER: the
 *       denomination is the (denom, decimals) pair, and an amount is in its smallest unit.
 * </ul>
 */
public final class DepinFeatures implements FeatureDefinition {
  private static final long serialVersionUID = 1L;

  private final Duration window;
  private final Duration akashBlockTime;

  public DepinFeatures(Duration window, Duration akashBlockTime) {
    this.window = window;
    this.akashBlockTime = akashBlockTime;
  }

  /** Daily windows, Akash blocks of 6.5 s. */
  public static DepinFeatures defaults() {
    return new DepinFeatures(Duration.ofDays(1), Duration.ofMillis(6_500));
  }

  @Override
  public Domain domain() {
    return Domain.DEPIN;
  }

  @Override
  public Duration window() {
    return window;
  }

  /** Entity of an event: {@code render}, or {@code akash:gpu}/{@code akash:cpu} by provider class. */
  static String entity(DepinUsageEvent event) {
    if (event.getNetwork() == DepinNetwork.RENDER) {
      return "render";
    }
    String providerClass = event.getProviderClass();
    return providerClass != null && providerClass.startsWith("gpu") ? "akash:gpu" : "akash:cpu";
  }

  @Override
  public Optional<Contribution> extract(SpecificRecord record) {
    if (!(record instanceof DepinUsageEvent event)) {
      return Optional.empty();
    }
    Accumulator acc = new Accumulator().countEvent();
    if (event.getProvider() != null) {
      acc.addMember("providers", event.getProvider());
    }
    BigInteger amount = event.getAmount() == null ? BigInteger.ZERO : new BigInteger(event.getAmount());
    switch (event.getKind()) {
      case JOB_COMPLETED -> {
        acc.addSum("usage", units(event)).addSum("jobs", 1);
        addAmount(acc, "paid", event, amount);
      }
      case LEASE_CLOSED -> {
        double hours = units(event) * akashBlockTime.toMillis() / 3_600_000.0;
        acc.addSum("usage", hours).addSum("jobs", 1);
        addAmount(acc, "paid", event, amount);
      }
      case PAYMENT -> addAmount(acc, "paid", event, amount);
      case BURN -> addAmount(acc, "burned", event, amount);
      case MINT -> addAmount(acc, "minted", event, amount);
      default -> acc.addSum("orders", 1); // JOB_SUBMITTED, ORDER_CREATED, BID_CREATED, LEASE_CREATED
    }
    return Optional.of(new Contribution(entity(event), event.getMeta().getEventTime().toEpochMilli(),
        event.getMeta().getEventId(), acc));
  }

  /** Adds {@code amount} under its denomination; a zero amount (no amount at all) adds nothing. */
  private static void addAmount(Accumulator acc, String name, DepinUsageEvent event, BigInteger amount) {
    if (amount.signum() == 0) {
      return;
    }
    String denom = event.getDenom() == null ? "unknown" : event.getDenom();
    String decimals = event.getDecimals() == null ? "unknown" : Integer.toString(event.getDecimals());
    acc.addExact(name + ":" + denom + ":" + decimals, amount);
  }

  private static double units(DepinUsageEvent event) {
    return event.getResourceUnits() == null ? 0.0 : new BigDecimal(event.getResourceUnits()).doubleValue();
  }

  @Override
  public Map<String, Double> values(Accumulator w) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("usage", w.sum("usage"));
    values.put("providers", (double) w.distinct("providers"));
    values.put("jobs", w.sum("jobs"));
    values.put("orders", w.sum("orders"));
    return values;
  }

  @Override
  public Map<String, String> exactValues(Accumulator w) {
    Map<String, String> values = new TreeMap<>();
    w.exactSums().forEach((name, amount) -> values.put(name, amount.toString()));
    return values;
  }
}
