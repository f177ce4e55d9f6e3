package io.ledgermind.models.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.models.SeriesFamily;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratorsTest {
  @Test
  void everyFamilyIsDeterministicForASeedAndDiffersAcrossSeeds() {
    for (SeriesFamily family : SeriesFamily.values()) {
      SeriesGenerator generator = SeriesGenerator.of(family);
      List<Series> a = generator.generate(5, 200);
      List<Series> b = generator.generate(5, 200);
      List<Series> c = generator.generate(6, 200);
      assertThat(a).hasSameSizeAs(b);
      for (int i = 0; i < a.size(); i++) {
        assertThat(a.get(i).rows()).as(family + " " + a.get(i).entity()).isDeepEqualTo(b.get(i).rows());
        assertThat(a.get(i).rows()[150]).isNotEqualTo(c.get(i).rows()[150]);
        assertThat(a.get(i).rows()[0]).hasSize(generator.features().size());
      }
    }
  }

  @Test
  void stablecoinFlowPeaksInUsHoursAndCarriesMintBursts() {
    Series usdc = new StablecoinFlowGenerator().generate(1, 24 * 200).get(0);
    double at14 = 0;
    double at02 = 0;
    int mints = 0;
    for (int t = 0; t < usdc.length(); t++) {
      long start = usdc.startMillis() + t * 3_600_000L;
      int hour = (int) (Calendar.dayPhase(start) * 24);
      at14 += hour == 14 ? usdc.rows()[t][0] : 0;
      at02 += hour == 2 ? usdc.rows()[t][0] : 0;
      mints += usdc.rows()[t][1] > 0 ? 1 : 0;
    }
    assertThat(at14 / 200).isGreaterThan(at02 / 200 + 8);
    assertThat(mints).isBetween(80, 200); // about one every 36 h over 200 days
  }

  @Test
  void depinUsageGrowsAndDipsAtWeekends() {
    Series render = new DepinUsageGenerator().generate(1, 700).get(0);
    assertThat(render.entity()).isEqualTo("render");
    assertThat(render.rows()[699][0]).isGreaterThan(2 * render.rows()[0][0]);
    double weekday = 0;
    double weekend = 0;
    for (int t = 350; t < 700; t++) {
      int dow = Calendar.dayOfWeek(render.startMillis() + t * 86_400_000L);
      double ratio = render.rows()[t][0] / render.rows()[t - 1][0];
      weekend += dow == 5 ? Math.log(ratio) : 0;
      weekday += dow == 1 ? Math.log(ratio) : 0;
    }
    assertThat(weekend).isLessThan(weekday);
  }

  @Test
  void subnetSharesAreProperFractions() {
    List<Series> subnets = new SubnetEmissionGenerator().generate(1, 100);
    assertThat(subnets).hasSize(8).extracting(Series::entity).contains("netuid:1", "netuid:8");
    for (int t = 0; t < 100; t++) {
      double total = 0;
      for (Series s : subnets) {
        assertThat(s.rows()[t][0]).isBetween(0f, 1f);
        total += s.rows()[t][0];
      }
      assertThat(total).isLessThan(1);
    }
  }

  @Test
  void calendarKnowsTheEpochWasAThursday() {
    assertThat(Calendar.dayOfWeek(0)).isEqualTo(3);
    assertThat(Calendar.dayOfWeek(DepinUsageGenerator.START_MILLIS)).isZero(); // 2022-01-03, a Monday
  }
}
