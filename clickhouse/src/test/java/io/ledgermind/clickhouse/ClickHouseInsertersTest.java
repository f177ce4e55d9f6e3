package io.ledgermind.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.clickhouse.clientv2.ClientV2Inserter;
import org.junit.jupiter.api.Test;

class ClickHouseInsertersTest {
  @Test
  void picksTheImplementationByUrlScheme() {
    assertThat(ClickHouseInserters.builder().url("http://127.0.0.1:18123").build())
        .isInstanceOf(ClickHouseHttpClient.class);
    assertThat(ClickHouseInserters.builder().url("https://ch.example:8443").build())
        .isInstanceOf(ClickHouseHttpClient.class);
    assertThat(ClickHouseInserters.builder().url("jdbc:clickhouse://ch.example:8123/ledgermind").build())
        .isInstanceOf(ClientV2Inserter.class)
        .extracting(ClickHouseInserter::url).isEqualTo("jdbc:clickhouse://ch.example:8123/ledgermind");
    assertThat(ClickHouseInserters.kindOf("jdbc:ch://ch.example")).isEqualTo(ClickHouseInserters.Kind.CLIENT_V2);
  }

  @Test
  void rejectsOtherSchemesNamingTheAcceptedOnes() {
    assertThatThrownBy(() -> ClickHouseInserters.builder().url("tcp://ch.example:9000").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:clickhouse://")
        .hasMessageContaining("tcp://ch.example:9000");
    assertThatThrownBy(() -> ClickHouseInserters.builder().build()).isInstanceOf(NullPointerException.class);
  }
}
