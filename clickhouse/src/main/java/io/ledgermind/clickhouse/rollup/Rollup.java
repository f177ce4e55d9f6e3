package io.ledgermind.clickhouse.rollup;

/** The rollups of migration V0005: the table the materialized view feeds and the view data teams query. */
public enum Rollup {
  STABLECOIN_HOURLY("rollup_stablecoin_hourly", "stablecoin_flows_hourly", "stablecoin_hourly.sql"),
  SUBNET_DAILY("rollup_subnet_daily", "subnet_emission_daily", "subnet_daily.sql"),
  DEPIN_HOURLY("rollup_depin_hourly", "depin_usage_hourly", "depin_hourly.sql");

  private final String table;
  private final String view;
  private final String correctionResource;

  Rollup(String table, String view, String correctionResource) {
    this.table = table;
    this.view = view;
    this.correctionResource = correctionResource;
  }

  /** The SummingMergeTree table fed by the materialized view (holds replays and retracted events). */
  public String table() {
    return table;
  }

  /** The view to query: the table summed per key, minus retracted events. */
  public String view() {
    return view;
  }

  String correctionResource() {
    return correctionResource;
  }
}
