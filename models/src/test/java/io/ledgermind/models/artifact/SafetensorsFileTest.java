package io.ledgermind.models.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The committed safetensors exports carry PyTorch names and shapes: what {@code nn.LSTM(6, 32, num_layers=2,
 * batch_first=True)} + {@code nn.Linear(32, 18)} (and the policy's {@code nn.Sequential}) would load with
 * {@code load_state_dict}. The file is parsed here by its spec (8-byte little-endian header length, JSON header).
 */
class SafetensorsFileTest {

  static Map<String, List<Long>> shapes(String artifact) throws Exception {
    byte[] bytes;
    try (InputStream in = SafetensorsFileTest.class.getClassLoader()
        .getResourceAsStream("artifacts/" + artifact + "/" + Manifest.SAFETENSORS_FILE)) {
      assertThat(in).as(artifact + " safetensors").isNotNull();
      bytes = in.readAllBytes();
    }
    long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    JsonNode header = Json.mapper().readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
    Map<String, List<Long>> shapes = new LinkedHashMap<>();
    header.fields().forEachRemaining(e -> {
      if (!e.getKey().equals("__metadata__")) {
        assertThat(e.getValue().get("dtype").asText()).isEqualTo("F32");
        List<Long> shape = new ArrayList<>();
        e.getValue().get("shape").forEach(n -> shape.add(n.asLong()));
        shapes.put(e.getKey(), shape);
      }
    });
    return shapes;
  }

  @Test
  void lstmExportHasTorchNnLstmNamesAndShapes() throws Exception {
    Map<String, List<Long>> shapes = shapes("lstm-stablecoin-net-flow");
    // 3 caller features + 3 calendar channels in, 32 hidden, 2 layers, 6 horizons x 3 quantiles out.
    assertThat(shapes).containsEntry("lstm.weight_ih_l0", List.of(128L, 6L))
        .containsEntry("lstm.weight_hh_l0", List.of(128L, 32L))
        .containsEntry("lstm.bias_ih_l0", List.of(128L))
        .containsEntry("lstm.bias_hh_l0", List.of(128L))
        .containsEntry("lstm.weight_ih_l1", List.of(128L, 32L))
        .containsEntry("lstm.weight_hh_l1", List.of(128L, 32L))
        .containsEntry("lstm.bias_ih_l1", List.of(128L))
        .containsEntry("lstm.bias_hh_l1", List.of(128L))
        .containsEntry("head.weight", List.of(18L, 32L))
        .containsEntry("head.bias", List.of(18L))
        .hasSize(10);
  }

  @Test
  void policyExportHasSequentialNamesAndShapes() throws Exception {
    assertThat(shapes("policy-subnet-staking"))
        .containsEntry("net.0.weight", List.of(64L, 20L)).containsEntry("net.0.bias", List.of(64L))
        .containsEntry("net.2.weight", List.of(64L, 64L)).containsEntry("net.2.bias", List.of(64L))
        .containsEntry("net.4.weight", List.of(6L, 64L)).containsEntry("net.4.bias", List.of(6L))
        .hasSize(6);
  }
}
