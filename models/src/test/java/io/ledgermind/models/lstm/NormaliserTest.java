package io.ledgermind.models.lstm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.FeatureSpec;
import io.ledgermind.models.artifact.FeatureSpec.InputFeature;
import io.ledgermind.models.artifact.FeatureSpec.Stat;
import io.ledgermind.models.artifact.FeatureSpec.Transform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NormaliserTest {
  private static Normaliser normaliser(Transform transform, List<String> calendar) {
    return new Normaliser(new FeatureSpec(SeriesFamily.STABLECOIN_NET_FLOW, 2, 3_600_000L,
        List.of(new InputFeature("x", transform)), calendar, List.of(1), 0.8,
        Map.of("e", Map.of("x", new Stat(10, 4)))));
  }

  @Test
  void zscoreDiffAndLogDiffInvertExactlyEnough() {
    for (Transform t : Transform.values()) {
      Normaliser n = normaliser(t, List.of());
      double z = n.normaliseTarget("e", 13.5, 12f);
      assertThat(n.denormaliseTarget("e", z, 12f)).as(t.name()).isCloseTo(13.5, within(1e-9));
    }
    assertThat(normaliser(Transform.ZSCORE, List.of()).normaliseTarget("e", 18, 0f)).isEqualTo(2.0);
    assertThat(normaliser(Transform.DIFF, List.of()).normaliseTarget("e", 18, 10f)).isEqualTo(2.0);
    assertThat(normaliser(Transform.LOG_DIFF, List.of()).normaliseTarget("e", Math.E, 1f)).isEqualTo(0.25);
  }

  @Test
  void writesFeaturesThenCalendarChannelsPerRow() {
    Normaliser n = normaliser(Transform.DIFF, List.of(CalendarChannels.DAY_SIN, CalendarChannels.WEEKEND));
    assertThat(n.channels()).isEqualTo(3);
    float[] out = new float[6];
    // Window ends 1970-01-03T06:00Z (a Saturday): rows start at 04:00 and 05:00.
    long end = 2 * 86_400_000L + 6 * 3_600_000L;
    n.writeInput("e", new float[][] {{2}, {10}}, end, out, 0);
    assertThat(out[0]).isEqualTo(-2f); // (2 - 10) / 4
    assertThat(out[3]).isEqualTo(0f); // the last row is the reference
    assertThat(out[1]).isCloseTo((float) Math.sin(2 * Math.PI * 4 / 24), within(1e-6f));
    assertThat(out[2]).isEqualTo(1f);
  }
}
