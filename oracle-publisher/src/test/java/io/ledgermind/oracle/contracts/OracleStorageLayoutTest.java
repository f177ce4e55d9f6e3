package io.ledgermind.oracle.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packing the gas figures depend on, from solc's own storageLayout output: a round is ONE slot, a feed one. */
class OracleStorageLayoutTest {
  @Test
  void roundFeedAndConfigEachFitOneSlot() throws Exception {
    JsonNode layout;
    try (InputStream in = getClass().getResourceAsStream(
        "/io/ledgermind/oracle/contracts/LedgermindOracle.layout.json")) {
      assertThat(in).as("storage layout written by the build").isNotNull();
      layout = new ObjectMapper().readTree(in);
    }
    Map<String, Integer> structBytes = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = layout.path("types").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> type = it.next();
      if (type.getKey().startsWith("t_struct(")) {
        String name = type.getKey().substring("t_struct(".length(), type.getKey().indexOf(')'));
        structBytes.put(name.replaceAll("\\d+$", ""), type.getValue().path("numberOfBytes").asInt());
      }
    }
    assertThat(structBytes).containsEntry("Round", 32).containsEntry("Feed", 32).containsEntry("Config", 32)
        .containsEntry("Limits", 32);
    Map<String, Integer> slots = new HashMap<>();
    layout.path("storage").forEach(s -> slots.put(s.path("label").asText(), s.path("slot").asInt()));
    assertThat(slots).containsEntry("config", 0).containsEntry("limits", 1).containsEntry("pendingOwner_", 2)
        .containsEntry("transmitters", 3).containsEntry("rounds", 7);
  }
}
