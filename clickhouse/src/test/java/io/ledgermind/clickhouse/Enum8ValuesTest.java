package io.ledgermind.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.schemas.raw.DepinNetwork;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Enum8ValuesTest {
  @Test
  void parsesTheTypeAsClickHousePrintsIt() {
    Enum8Values parsed = Enum8Values.parse("Enum8('TRANSFER' = 1, 'MINT' = 2, 'it\\'s' = -5)");
    assertThat(parsed.asMap()).containsExactly(Map.entry("TRANSFER", 1), Map.entry("MINT", 2), Map.entry("it's", -5));
    assertThat(Enum8Values.parse("Nullable(Enum8('A' = 1))").valueOf("A")).isEqualTo((byte) 1);
    assertThat(Enum8Values.parse(parsed.toString())).isEqualTo(parsed);
  }

  @Test
  void numbersAvroSymbolsFromOneInDeclarationOrder() {
    assertThat(Enum8Values.numberedFromOne(DepinNetwork.class).asMap())
        .containsExactly(Map.entry("RENDER", 1), Map.entry("AKASH", 2));
    assertThat(Enum8Values.numberedFromOne(StablecoinEventKind.class).valueOf("DESTROYED_BLACK_FUNDS"))
        .isEqualTo((byte) 6);
    assertThat(Enum8Values.numberedFromOne(List.of("X", "Y")))
        .isEqualTo(Enum8Values.parse("Enum8('X' = 1, 'Y' = 2)"));
  }

  @Test
  void refusesBrokenDefinitions() {
    assertThatThrownBy(() -> Enum8Values.parse("Enum16('A' = 1)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Enum8Values.parse("Enum8('A' = 1, oops)")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Enum8Values.of(Map.of("A", 128))).hasMessageContaining("out of range");
    assertThatThrownBy(() -> Enum8Values.parse("Enum8('A' = 1, 'B' = 1)")).hasMessageContaining("used twice");
    assertThatThrownBy(() -> Enum8Values.numberedFromOne(List.of("A", "A"))).hasMessageContaining("twice");
  }
}
