package io.ledgermind.clickhouse.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.ClasspathMigrations;
import io.ledgermind.clickhouse.migrate.Migration;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.testing.ClickHouseExtension;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The V0005 rollups on the real server: what the materialized views record, how the views subtract retracted
 * events, and how {@link RollupReconciler} repairs replays and backfills rows that predate the rollups. Each test
 * works in a database of its own.
 */
class RollupReconcilerITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
  static final String MAX_UINT256 =
      "115792089237316195423570985008687907853269984665640564039457584007913129639935";
  static final String MAX_38_DIGITS = "99999999999999999999999999999999999999";
  private static final LocalDate DAY = LocalDate.parse("2026-11-25");
  private static final LocalDate NEXT_DAY = DAY.plusDays(1);

  private static final List<String> extraDatabases = new ArrayList<>();

  @AfterAll
  static void dropDatabases() {
    extraDatabases.forEach(db -> CLICKHOUSE.execute("DROP DATABASE IF EXISTS " + db));
  }

  @Test
  void stablecoinViewMatchesTheCanonicalEventsOnceReplaysAreReconciled() {
    String db = migrated("_stable");
    insertStablecoinFixture(db);
    // The sink's replay after a failure: the same event again, in its own INSERT.
    CLICKHOUSE.execute(stablecoin(db, "t1", "eip155:1", "USDC", "10:05:00", "TRANSFER", "1000000"));
    retract(db, "t2");

    // The materialized view counted the replay; the view already hides the retracted t2.
    assertThat(hourly(db, "USDC", "10")).isEqualTo("4\t2\t2000000\t5000000\t2000000\t3000000\t0");
    assertThat(hourly(db, "USDC", "11")).isEqualTo("2\t1\t0\t" + MAX_38_DIGITS + "\t0\t" + MAX_38_DIGITS + "\t1");

    RollupReconciler reconciler = reconciler(db);
    assertThat(reconciler.reconcile(Rollup.STABLECOIN_HOURLY, DAY, NEXT_DAY)).isEqualTo(1);

    assertThat(hourly(db, "USDC", "10")).isEqualTo("3\t1\t1000000\t5000000\t2000000\t3000000\t0");
    assertThat(hourly(db, "USDT", "10")).isEqualTo("3\t0\t0\t7\t4\t3\t0");
    assertThat(CLICKHOUSE.query("SELECT chain_id, token, toString(hour), events, transfers, transferred, minted,"
        + " burned, too_wide FROM " + db + ".stablecoin_flows_hourly ORDER BY chain_id, token, hour"))
        .isEqualTo(CLICKHOUSE.query("SELECT chain_id, token, toString(toStartOfHour(event_time)) AS h, count(),"
            + " countIf(kind = 'TRANSFER'),"
            + " sumIf(toDecimal128(if(length(amount) <= 38, amount, '0'), 0), kind = 'TRANSFER'),"
            + " sumIf(toDecimal128(if(length(amount) <= 38, amount, '0'), 0), kind IN ('MINT', 'ISSUE')),"
            + " sumIf(toDecimal128(if(length(amount) <= 38, amount, '0'), 0),"
            + "       kind IN ('BURN', 'REDEEM', 'DESTROYED_BLACK_FUNDS')),"
            + " countIf(length(amount) > 38)"
            + " FROM " + db + ".canonical_raw_stablecoin_events GROUP BY chain_id, token, h ORDER BY chain_id, token, h"));
    assertThat(reconciler.reconcile(DAY, NEXT_DAY)).containsOnly(
        Map.entry(Rollup.STABLECOIN_HOURLY, 0L), Map.entry(Rollup.SUBNET_DAILY, 0L),
        Map.entry(Rollup.DEPIN_HOURLY, 0L));
  }

  /** Also proves that the correction queries compute exactly what the materialized views compute. */
  @Test
  void cleanInsertsNeedNoCorrection() {
    String db = migrated("_clean");
    insertStablecoinFixture(db);
    insertSubnetFixture(db);
    insertDepinFixture(db);
    assertThat(reconciler(db).reconcile(DAY.minusDays(3), NEXT_DAY.plusDays(3))).containsOnly(
        Map.entry(Rollup.STABLECOIN_HOURLY, 0L), Map.entry(Rollup.SUBNET_DAILY, 0L),
        Map.entry(Rollup.DEPIN_HOURLY, 0L));
  }

  @Test
  void reconcileBackfillsRowsInsertedBeforeTheRollupsExisted() {
    String db = CLICKHOUSE.database() + "_backfill";
    extraDatabases.add(db);
    List<Migration> all = ClasspathMigrations.load();
    runner(db, all.subList(0, 4)).migrate();
    insertSubnetFixture(db);
    insertDepinFixture(db);
    assertThat(runner(db, all).migrate().appliedVersions()).containsExactly(5, 6, 7);
    assertThat(CLICKHOUSE.query("SELECT count() FROM " + db + ".subnet_emission_daily")).isEqualTo("0");

    Map<Rollup, Long> corrected = reconciler(db).reconcile(DAY, NEXT_DAY);

    assertThat(corrected).containsEntry(Rollup.SUBNET_DAILY, 2L).containsEntry(Rollup.DEPIN_HOURLY, 4L);
    BigInteger emitted = new BigInteger("41000000").add(new BigInteger("42000000")).multiply(BigInteger.valueOf(360));
    assertThat(CLICKHOUSE.query("SELECT netuid, toString(day), snapshots, tao_emission_per_block, tao_emitted,"
        + " alpha_emitted, tao_staked, tao_unstaked, net_tao_flow, too_wide FROM " + db + ".subnet_emission_daily"
        + " ORDER BY netuid"))
        .isEqualTo("3\t2026-11-25\t2\t83000000\t" + emitted + "\t720000000000\t5000000000001\t7500000000000"
            + "\t-2499999999999\t0\n"
            + "5\t2026-11-25\t1\t9000000\t3240000000\t0\t0\t0\t0\t0");
    assertThat(depinDaily(db)).isEqualTo(
        "AKASH\tLEASE_CREATED\tuakt\tgpu-hours\t1\t250000000\t1.25\t0\n"
            + "RENDER\tBURN\tRENDER\t\t1\t1000000000000000000\t0\t0\n"
            + "RENDER\tJOB_COMPLETED\t\tOBh\t1\t0\t3.5\t0\n"
            + "RENDER\tPAYMENT\tRENDER\t\t1\t5\t0\t0");
  }

  @Test
  void retractionsHideEventsWhicheverArrivesFirst() {
    String db = migrated("_retract");
    retract(db, "dp-late");                  // the retraction first ...
    insertDepinFixture(db);                  // ... then the event it names (dp-late), with the others
    insertSubnetFixture(db);
    retract(db, "sn-2");
    retract(db, "sn-2");                     // a replayed retraction subtracts once
    assertThat(depinDaily(db)).doesNotContain("PAYMENT");
    assertThat(CLICKHOUSE.query("SELECT netuid, snapshots, tao_emitted FROM " + db + ".subnet_emission_daily"
        + " WHERE day = toDate('2026-11-25') ORDER BY netuid")).isEqualTo("3\t1\t14760000000\n5\t1\t3240000000");
    // The rollup table itself still holds them: the subtraction is the view's job.
    assertThat(CLICKHOUSE.query("SELECT sum(events) FROM " + db + ".rollup_depin_hourly WHERE kind = 'PAYMENT'"))
        .isEqualTo("1");
  }

  /** A materialized view that throws would fail the raw INSERT itself: hostile values must only count as too wide. */
  @Test
  void outOfRangeOrMalformedAmountsNeverFailTheRawInsert() {
    String db = migrated("_hostile");
    String digits28 = "9".repeat(28);
    CLICKHOUSE.execute("INSERT INTO " + db + ".raw_subnet_snapshots (event_id, chain_id, event_time, netuid, tempo,"
        + " tao_emission, alpha_emission, tao_staked, tao_unstaked, net_tao_flow, version) VALUES"
        + " ('h-1', 'bittensor:finney', '2026-11-25 01:00:00', 9, 2147483647, '" + digits28 + "', '0', '0', '0', '0', 1),"
        + " ('h-2', 'bittensor:finney', '2026-11-25 02:00:00', 9, 2147483647, '9" + digits28 + "', '0', '0', '0', '0', 1),"
        + " ('h-3', 'bittensor:finney', '2026-11-25 03:00:00', 9, 360, '12abc', '', '" + MAX_UINT256 + "', '0',"
        + "  '-" + MAX_UINT256 + "', 1)");
    CLICKHOUSE.execute("INSERT INTO " + db + ".raw_depin_events (event_id, chain_id, event_time, network, kind,"
        + " amount, resource_units, version) VALUES"
        + " ('h-4', 'eip155:1', '2026-11-25 12:00:00', 'RENDER', 'BURN', '1e18', 'lots', 1)");
    CLICKHOUSE.execute(stablecoin(db, "h-5", "eip155:1", "USDC", "10:00:00", "MINT", " 1"));

    assertThat(CLICKHOUSE.query("SELECT snapshots, tao_emitted, too_wide FROM " + db + ".subnet_emission_daily"))
        .isEqualTo("3\t" + new BigInteger(digits28).multiply(BigInteger.valueOf(Integer.MAX_VALUE)) + "\t2");
    assertThat(CLICKHOUSE.query("SELECT events, amount, resource_units, too_wide FROM " + db + ".depin_usage_daily"))
        .isEqualTo("1\t0\t0\t1");
    assertThat(CLICKHOUSE.query("SELECT events, minted, too_wide FROM " + db + ".stablecoin_flows_hourly"))
        .isEqualTo("1\t0\t1");
  }

  private static void insertStablecoinFixture(String db) {
    CLICKHOUSE.execute(stablecoin(db, "t1", "eip155:1", "USDC", "10:05:00", "TRANSFER", "1000000"));
    CLICKHOUSE.execute(stablecoin(db, "m1", "eip155:1", "USDC", "10:10:00", "MINT", "5000000"));
    CLICKHOUSE.execute(stablecoin(db, "b1", "eip155:1", "USDC", "10:20:00", "BURN", "2000000"));
    CLICKHOUSE.execute(stablecoin(db, "i1", "eip155:1", "USDT", "10:30:00", "ISSUE", "7"));
    CLICKHOUSE.execute(stablecoin(db, "r1", "eip155:1", "USDT", "10:31:00", "REDEEM", "3"));
    CLICKHOUSE.execute(stablecoin(db, "d1", "eip155:1", "USDT", "10:32:00", "DESTROYED_BLACK_FUNDS", "1"));
    CLICKHOUSE.execute(stablecoin(db, "w1", "eip155:1", "USDC", "11:00:00", "TRANSFER", MAX_UINT256));
    CLICKHOUSE.execute(stablecoin(db, "big1", "eip155:1", "USDC", "11:10:00", "MINT", MAX_38_DIGITS));
    CLICKHOUSE.execute(stablecoin(db, "t2", "eip155:1", "USDC", "11:15:00", "TRANSFER", "250"));
  }

  private static void insertSubnetFixture(String db) {
    CLICKHOUSE.execute("INSERT INTO " + db + ".raw_subnet_snapshots (event_id, chain_id, event_time, netuid, tempo,"
        + " tao_emission, alpha_emission, tao_staked, tao_unstaked, net_tao_flow, version) VALUES"
        + " ('sn-1', 'bittensor:finney', '2026-11-25 01:00:00', 3, 360, '41000000', '1000000000', '5000000000000',"
        + "  '7500000000000', '-2500000000000', 1),"
        + " ('sn-2', 'bittensor:finney', '2026-11-25 23:59:59', 3, 360, '42000000', '1000000000', '1', '0', '1', 1),"
        + " ('sn-3', 'bittensor:finney', '2026-11-25 12:00:00', 5, 360, '9000000', '0', '0', '0', '0', 1),"
        + " ('sn-next-day', 'bittensor:finney', '2026-11-26 00:00:00', 3, 360, '1', '1', '1', '1', '0', 1)");
  }

  private static void insertDepinFixture(String db) {
    CLICKHOUSE.execute("INSERT INTO " + db + ".raw_depin_events (event_id, chain_id, event_time, network, kind,"
        + " amount, denom, resource_units, resource_unit, version) VALUES"
        + " ('dp-1', 'cosmos:akashnet-2', '2026-11-25 12:01:00', 'AKASH', 'LEASE_CREATED', '250000000', 'uakt',"
        + "  '1.25', 'gpu-hours', 1),"
        + " ('dp-2', 'eip155:1', '2026-11-25 13:00:00', 'RENDER', 'JOB_COMPLETED', NULL, NULL, '3.5', 'OBh', 1),"
        + " ('dp-3', 'eip155:1', '2026-11-25 13:30:00', 'RENDER', 'BURN', '1000000000000000000', 'RENDER', NULL,"
        + "  NULL, 1),"
        + " ('dp-late', 'eip155:1', '2026-11-25 13:40:00', 'RENDER', 'PAYMENT', '5', 'RENDER', NULL, NULL, 1)");
  }

  private static String stablecoin(String db, String id, String chain, String token, String time, String kind,
      String amount) {
    return "INSERT INTO " + db + ".raw_stablecoin_events (event_id, chain_id, event_time, token, kind, amount,"
        + " decimals, version) VALUES ('" + id + "', '" + chain + "', '2026-11-25 " + time + "', '" + token + "', '"
        + kind + "', '" + amount + "', 6, 1)";
  }

  private static void retract(String db, String eventId) {
    CLICKHOUSE.execute("INSERT INTO " + db + ".retractions (event_id, retracted_event_id, event_time, version)"
        + " VALUES ('rt-" + eventId + "', '" + eventId + "', '2026-11-25 12:00:00', 1)");
  }

  /** events, transfers, transferred, minted, burned, net_supply_change, too_wide of one hour of 2026-11-25. */
  private static String hourly(String db, String token, String hour) {
    return CLICKHOUSE.query("SELECT events, transfers, transferred, minted, burned, net_supply_change, too_wide FROM "
        + db + ".stablecoin_flows_hourly WHERE token = '" + token + "' AND hour = toDateTime('2026-11-25 " + hour
        + ":00:00', 'UTC')");
  }

  private static String depinDaily(String db) {
    return CLICKHOUSE.query("SELECT network, kind, denom, resource_unit, events, amount, resource_units, too_wide"
        + " FROM " + db + ".depin_usage_daily WHERE day = toDate('2026-11-25') ORDER BY network, kind");
  }

  private static String migrated(String suffix) {
    String db = CLICKHOUSE.database() + suffix;
    extraDatabases.add(db);
    runner(db, ClasspathMigrations.load()).migrate();
    return db;
  }

  private static MigrationRunner runner(String db, List<Migration> migrations) {
    return MigrationRunner.builder().client(client()).database(db).migrations(migrations).build();
  }

  private static RollupReconciler reconciler(String db) {
    return RollupReconciler.builder().client(client()).database(db).build();
  }

  private static ClickHouseHttpClient client() {
    return ClickHouseHttpClient.builder()
        .url(CLICKHOUSE.url()).user(CLICKHOUSE.user()).password(CLICKHOUSE.password()).build();
  }
}
