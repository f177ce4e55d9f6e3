package io.ledgermind.models;

import java.time.Duration;

/**
 * The three series the forecaster is trained for. Each family has one trained artifact; its manifest lists the
 * input features (the first one is always the target series) and the entities it knows.
 *
 * <p>{@link #domain()} is the name of the matching {@code io.ledgermind.schemas.common.Domain} symbol, kept as a
 * string so this API needs no Avro on the class path.
 */
public enum SeriesFamily {
  /** Hourly net flow of a stablecoin into tracked venues (USD millions; docs/domain.md defines it). */
  STABLECOIN_NET_FLOW("stablecoin-net-flow", "STABLECOIN", "net_flow", Duration.ofHours(1)),
  /** Daily usage of a DePIN network (Render OctaneBench hours, Akash lease-hours). */
  DEPIN_USAGE("depin-usage", "DEPIN", "usage", Duration.ofDays(1)),
  /** Share of the TAO block emission a Bittensor subnet receives, per tempo (360 blocks of 12 s = 72 min). */
  SUBNET_EMISSION_SHARE("subnet-emission-share", "BITTENSOR", "emission_share", Duration.ofSeconds(360 * 12));

  private final String id;
  private final String domain;
  private final String target;
  private final Duration step;

  SeriesFamily(String id, String domain, String target, Duration step) {
    this.id = id;
    this.domain = domain;
    this.target = target;
    this.step = step;
  }

  /** Stable kebab-case id used in artifact directory names and on the command line. */
  public String id() {
    return id;
  }

  /** Name of the {@code Domain} enum symbol of the record schemas. */
  public String domain() {
    return domain;
  }

  /** The series forecast ({@code Forecast.target} in the record schemas). */
  public String target() {
    return target;
  }

  /** Duration of one step of the series: one row of an input window, one forecast horizon unit. */
  public Duration step() {
    return step;
  }

  /** Looks a family up by {@link #id()} or enum name, case-insensitively. */
  public static SeriesFamily parse(String text) {
    for (SeriesFamily family : values()) {
      if (family.id.equalsIgnoreCase(text) || family.name().equalsIgnoreCase(text)) {
        return family;
      }
    }
    throw new IllegalArgumentException("Unknown series family '" + text + "'; expected one of "
        + java.util.Arrays.stream(values()).map(SeriesFamily::id).toList());
  }
}
