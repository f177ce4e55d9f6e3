package io.ledgermind.models.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.models.ModelKind;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.FeatureSpec.InputFeature;
import io.ledgermind.models.artifact.FeatureSpec.Stat;
import io.ledgermind.models.artifact.FeatureSpec.Transform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelHashTest {
  static ModelSpec spec(double center) {
    FeatureSpec features = new FeatureSpec(SeriesFamily.STABLECOIN_NET_FLOW, 4, 3_600_000L,
        List.of(new InputFeature("net_flow", Transform.ZSCORE)), List.of("day_sin"), List.of(1, 2), 0.8,
        Map.of("USDC", Map.of("net_flow", new Stat(center, 2.5))));
    return ModelSpec.forecaster(Architecture.lstm(2, 8, 1, 2, List.of(0.1, 0.5, 0.9)), features);
  }

  @Test
  void canonicalFormSortsKeysAndWritesDoublesAsIeeeBits() {
    String canonical = ModelHash.canonical(spec(0.1));
    assertThat(canonical).startsWith("{\"architecture\":{");
    assertThat(canonical).contains("\"center\":0x" + Long.toHexString(Double.doubleToLongBits(0.1)));
    assertThat(canonical).doesNotContain(" ").doesNotContain("\n");
    assertThat(canonical.indexOf("\"features\"")).isGreaterThan(canonical.indexOf("\"architecture\""));
  }

  @Test
  void hashCoversParametersAndNormalisationButNotMetrics() {
    byte[] params = {1, 2, 3, 4};
    String base = ModelHash.of(spec(0.1), params);
    assertThat(base).hasSize(64).matches("[0-9a-f]+");
    assertThat(ModelHash.of(spec(0.1), new byte[] {1, 2, 3, 5})).isNotEqualTo(base);
    assertThat(ModelHash.of(spec(0.1000001), params)).isNotEqualTo(base);

    Manifest manifest = new Manifest(Manifest.FORMAT, "m", ModelKind.LSTM_FORECASTER, base, "p", spec(0.1),
        Map.of("seed", 1), null, null);
    Manifest evaluated = manifest.withMetrics(Map.of("mae", 0.5));
    assertThat(ModelHash.of(evaluated.model(), params)).isEqualTo(base);
  }

  @Test
  void hashSurvivesAJsonRoundTrip() throws Exception {
    ModelSpec spec = spec(1.0 / 3);
    String json = Json.mapper().writeValueAsString(spec);
    ModelSpec back = Json.mapper().readValue(json, ModelSpec.class);
    assertThat(ModelHash.of(back, new byte[] {9})).isEqualTo(ModelHash.of(spec, new byte[] {9}));
  }
}
