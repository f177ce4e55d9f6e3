package io.ledgermind.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ledgermind.clickhouse.migrate.MigrationRunner;
import io.ledgermind.schemas.common.Domain;
import io.ledgermind.schemas.oracle.PublicationStatus;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.OracleEventKind;
import io.ledgermind.schemas.raw.OracleSource;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import io.ledgermind.testing.ClickHouseExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every RowBinary type the tables use, written by {@link RowBinaryWriter} and read back by the real server. */
class RowBinaryTypesITCase {
  @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

  private static ClickHouseHttpClient client() {
    return ClickHouseHttpClient.builder()
        .url(CLICKHOUSE.url()).user(CLICKHOUSE.user()).password(CLICKHOUSE.password()).build();
  }

  @Test
  void roundTripsInt8Enum8ArraysAndNullables() {
    ClickHouseHttpClient client = client();
    String table = CLICKHOUSE.database() + ".types";
    client.execute("CREATE TABLE " + table + " (id String, i8 Int8, kind Enum8('MINT' = 7, 'BURN' = -3),"
        + " strings Array(String), doubles Array(Float64), longs Array(Int64), times Array(DateTime('UTC')),"
        + " ns Nullable(String), ni Nullable(Int32), nl Nullable(Int64), nd Nullable(Float64),"
        + " nt Nullable(DateTime('UTC'))) ENGINE = MergeTree() PARTITION BY tuple() ORDER BY (id)");
    Enum8Values kinds = Enum8Values.ofColumn(client, table, "kind");
    assertThat(kinds.asMap()).containsOnly(Map.entry("MINT", 7), Map.entry("BURN", -3));
    Instant noon = Instant.parse("2026-11-25T12:00:00Z");

    RowBinaryWriter rows = new RowBinaryWriter(1024);
    rows.writeString("full").writeInt8(-128).writeEnum8(kinds, "BURN")
        .writeStringArray(List.of("a", "ünï", "")).writeFloat64Array(List.of(0.5, -1e300))
        .writeInt64Array(List.of(Long.MIN_VALUE, 0L, Long.MAX_VALUE)).writeDateTimeArray(List.of(noon, Instant.EPOCH))
        .writeNullableString("x").writeNullableInt32(-2).writeNullableInt64(1L << 40).writeNullableFloat64(2.25)
        .writeNullableDateTime(noon);
    rows.writeString("nulls").writeInt8(127).writeEnum8(kinds, "MINT")
        .writeStringArray(List.of()).writeFloat64Array(List.of()).writeInt64Array(List.of())
        .writeDateTimeArray(List.of())
        .writeNullableString(null).writeNullableInt32(null).writeNullableInt64(null).writeNullableFloat64(null)
        .writeNullableDateTime(null);
    client.insert(new ClickHouseTable(table, List.of("id", "i8", "kind", "strings", "doubles", "longs", "times",
        "ns", "ni", "nl", "nd", "nt")), rows.toByteArray());

    // Epoch seconds for the times: 18.16 prints second 0 as 0000-00-00 00:00:00, modern servers as 1970-01-01.
    assertThat(client.query("SELECT id, i8, toString(kind), toInt8(kind), strings, doubles, longs,"
        + " arrayMap(t -> toUInt32(t), times), ns, ni, nl, nd, toString(nt) FROM " + table + " ORDER BY id"))
        .isEqualTo("full\t-128\tBURN\t-3\t['a','ünï','']\t[0.5,-1e300]"
            + "\t[-9223372036854775808,0,9223372036854775807]\t[1795608000,0]"
            + "\tx\t-2\t1099511627776\t2.25\t2026-11-25 12:00:00\n"
            + "nulls\t127\tMINT\t7\t[]\t[]\t[]\t[]\t\\N\t\\N\t\\N\t\\N\t\\N");
  }

  /**
   * Why the writer maps by name and refuses unknown symbols itself: Debian's 18.16 stores an Enum8 value that the
   * column does not define when it arrives as RowBinary (what a writer using the Avro ordinal, 0 here, would send).
   */
  @Test
  void anUndefinedEnumValueIsStoredSilentlyByTheOldServer() {
    ClickHouseHttpClient client = client();
    String table = CLICKHOUSE.database() + ".lax_enum";
    client.execute("CREATE TABLE " + table + " (kind Enum8('A' = 1)) ENGINE = MergeTree() PARTITION BY tuple()"
        + " ORDER BY (kind)");
    Enum8Values kinds = Enum8Values.ofColumn(client, table, "kind");
    assertThatThrownBy(() -> new RowBinaryWriter(1).writeEnum8(kinds, "B"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a migration");

    assumeTrue(client.query("SELECT version()").startsWith("18."), "checks the behaviour of 18.x servers only");
    client.insert(new ClickHouseTable(table, List.of("kind")), new RowBinaryWriter(1).writeInt8(0).toByteArray());
    assertThat(client.query("SELECT toInt8(kind) FROM " + table)).isEqualTo("0");
  }

  /** The migrations number each Avro enum's symbols from 1 in Avro order: writers may rely on it. */
  @Test
  void migratedEnumColumnsMatchTheAvroSymbolsNumberedFromOne() {
    ClickHouseHttpClient client = client();
    String db = CLICKHOUSE.database();
    MigrationRunner.builder().client(client).database(db).build().migrate();
    Map<String, Class<? extends Enum<?>>> avro = Map.of(
        "raw_stablecoin_events.kind", StablecoinEventKind.class,
        "raw_depin_events.network", DepinNetwork.class,
        "raw_depin_events.kind", DepinEventKind.class,
        "raw_oracle_rounds.oracle_source", OracleSource.class,
        "raw_oracle_rounds.kind", OracleEventKind.class,
        "publication_outcomes.status", PublicationStatus.class,
        "feature_windows.domain", Domain.class,
        "forecasts.domain", Domain.class,
        "policy_actions.domain", Domain.class);
    String enumColumns = client.query("SELECT concat(table, '.', name) FROM system.columns WHERE database = '" + db
        + "' AND type LIKE 'Enum8(%' AND table NOT LIKE 'canonical_%' ORDER BY 1");
    assertThat(enumColumns.split("\n")).containsExactlyInAnyOrderElementsOf(avro.keySet());
    avro.forEach((column, type) -> {
      String[] parts = column.split("\\.");
      assertThat(Enum8Values.ofColumn(client, db + "." + parts[0], parts[1])).as(column)
          .isEqualTo(Enum8Values.numberedFromOne(symbols(type)));
    });
  }

  private static List<String> symbols(Class<? extends Enum<?>> type) {
    return java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
  }
}
