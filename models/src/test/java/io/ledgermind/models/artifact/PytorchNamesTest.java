package io.ledgermind.models.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PytorchNamesTest {
  @Test
  void mapsLstmParametersToTorchNnLstmNames() {
    String lstm = Architecture.LSTM_QUANTILE;
    assertThat(PytorchNames.of(lstm, "01LSTM_l_0_i2h_WEIGHT")).isEqualTo("lstm.weight_ih_l0");
    assertThat(PytorchNames.of(lstm, "01LSTM_l_0_h2h_WEIGHT")).isEqualTo("lstm.weight_hh_l0");
    assertThat(PytorchNames.of(lstm, "01LSTM_l_1_i2h_BIAS")).isEqualTo("lstm.bias_ih_l1");
    assertThat(PytorchNames.of(lstm, "01LSTM_l_1_h2h_BIAS")).isEqualTo("lstm.bias_hh_l1");
    assertThat(PytorchNames.of(lstm, "03Linear_weight")).isEqualTo("head.weight");
    assertThat(PytorchNames.of(lstm, "03Linear_bias")).isEqualTo("head.bias");
  }

  @Test
  void mapsMlpLayersToSequentialIndices() {
    String mlp = Architecture.MLP_ACTOR_CRITIC;
    assertThat(PytorchNames.of(mlp, "01Linear_weight")).isEqualTo("net.0.weight");
    assertThat(PytorchNames.of(mlp, "03Linear_bias")).isEqualTo("net.2.bias");
    assertThat(PytorchNames.of(mlp, "05Linear_weight")).isEqualTo("net.4.weight");
  }

  @Test
  void refusesNamesItDoesNotKnow() {
    assertThatThrownBy(() -> PytorchNames.of(Architecture.LSTM_QUANTILE, "02GRU_l_0_i2h_WEIGHT"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
