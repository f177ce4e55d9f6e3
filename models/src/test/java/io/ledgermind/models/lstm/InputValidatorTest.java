package io.ledgermind.models.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.ModelInputException.Reason;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.FeatureSpec;
import io.ledgermind.models.artifact.FeatureSpec.InputFeature;
import io.ledgermind.models.artifact.FeatureSpec.Stat;
import io.ledgermind.models.artifact.FeatureSpec.Transform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputValidatorTest {
  static final FeatureSpec SPEC = new FeatureSpec(SeriesFamily.DEPIN_USAGE, 3, 86_400_000L,
      List.of(new InputFeature("usage", Transform.LOG_DIFF), new InputFeature("providers", Transform.LOG_DIFF)),
      List.of(), List.of(1), 0.8,
      Map.of("render", Map.of("usage", new Stat(0, 0.05), "providers", new Stat(0, 0.02))));
  private final InputValidator validator = new InputValidator(SPEC);

  static ForecastInput input(String entity, SeriesFamily family, float[][] window) {
    return ForecastInput.builder().entity(entity).family(family).windowEndMillis(0).window(window).build();
  }

  static float[][] good() {
    return new float[][] {{100, 10}, {110, 11}, {120, 12}};
  }

  private Reason reasonOf(ForecastInput bad) {
    ModelInputException e = catchThrowableOfType(ModelInputException.class,
        () -> validator.validate(List.of(input("render", SeriesFamily.DEPIN_USAGE, good()), bad)));
    assertThat(e).as("expected a typed error").isNotNull();
    assertThat(e.index()).as("index of the offending input").isEqualTo(1);
    return e.reason();
  }

  @Test
  void acceptsAWellFormedBatch() throws Exception {
    validator.validate(List.of(input("render", SeriesFamily.DEPIN_USAGE, good())));
    validator.validate(List.of());
  }

  @Test
  void refusesNanAndInfinity() {
    float[][] nan = good();
    nan[1][0] = Float.NaN;
    assertThat(reasonOf(input("render", SeriesFamily.DEPIN_USAGE, nan))).isEqualTo(Reason.NON_FINITE);
    float[][] inf = good();
    inf[2][1] = Float.NEGATIVE_INFINITY;
    assertThat(reasonOf(input("render", SeriesFamily.DEPIN_USAGE, inf))).isEqualTo(Reason.NON_FINITE);
  }

  @Test
  void refusesWrongWindowLengthAndWidth() {
    assertThat(reasonOf(input("render", SeriesFamily.DEPIN_USAGE, new float[][] {{1, 1}, {2, 2}})))
        .isEqualTo(Reason.WRONG_WINDOW_LENGTH);
    assertThat(reasonOf(input("render", SeriesFamily.DEPIN_USAGE, new float[][] {{1, 1}, {2}, {3, 3}})))
        .isEqualTo(Reason.WRONG_FEATURE_COUNT);
  }

  @Test
  void refusesUnknownEntityAndOtherFamily() {
    assertThat(reasonOf(input("filecoin", SeriesFamily.DEPIN_USAGE, good()))).isEqualTo(Reason.UNKNOWN_ENTITY);
    assertThat(reasonOf(input("render", SeriesFamily.STABLECOIN_NET_FLOW, good())))
        .isEqualTo(Reason.WRONG_SERIES_FAMILY);
  }

  @Test
  void refusesNonPositiveValuesOfLogFeatures() {
    float[][] zero = good();
    zero[0][0] = 0;
    assertThat(reasonOf(input("render", SeriesFamily.DEPIN_USAGE, zero))).isEqualTo(Reason.OUT_OF_DOMAIN);
  }

  @Test
  void messageNamesFeatureRowAndEntity() {
    float[][] nan = good();
    nan[1][1] = Float.NaN;
    assertThatThrownBy(() -> validator.validate(List.of(input("render", SeriesFamily.DEPIN_USAGE, nan))))
        .hasMessageContaining("NON_FINITE at input 0 (render)").hasMessageContaining("providers at row 1");
  }
}
