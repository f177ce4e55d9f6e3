package io.ledgermind.clickhouse.clientv2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcClickHouseUrlTest {
  @Test
  void readsHostPortAndDatabase() {
    assertThat(JdbcClickHouseUrl.parse("jdbc:clickhouse://ch.example:18123/ledgermind"))
        .isEqualTo(new JdbcClickHouseUrl("http://ch.example:18123", "ledgermind"));
    assertThat(JdbcClickHouseUrl.parse("jdbc:ch://10.0.0.5"))
        .isEqualTo(new JdbcClickHouseUrl("http://10.0.0.5:8123", null));
    assertThat(JdbcClickHouseUrl.parse("jdbc:clickhouse://[::1]:8123/"))
        .isEqualTo(new JdbcClickHouseUrl("http://[::1]:8123", null));
  }

  @Test
  void selectsHttpsBySchemeOrSslParameterWithItsDefaultPort() {
    assertThat(JdbcClickHouseUrl.parse("jdbc:clickhouse:https://ch.example/db").endpoint())
        .isEqualTo("https://ch.example:8443");
    assertThat(JdbcClickHouseUrl.parse("jdbc:clickhouse://ch.example/db?ssl=true").endpoint())
        .isEqualTo("https://ch.example:8443");
    assertThat(JdbcClickHouseUrl.parse("jdbc:clickhouse:http://ch.example:9000?ssl=false").endpoint())
        .isEqualTo("http://ch.example:9000");
  }

  @Test
  void refusesWhatItWouldOtherwiseIgnore() {
    assertThatThrownBy(() -> JdbcClickHouseUrl.parse("jdbc:clickhouse://h/db?user=admin&password=x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported parameter 'user=admin'");
    assertThatThrownBy(() -> JdbcClickHouseUrl.parse("jdbc:clickhouse://h/db-1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database");
    assertThatThrownBy(() -> JdbcClickHouseUrl.parse("jdbc:clickhouse:h"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a ClickHouse JDBC URL");
  }
}
