package io.ledgermind.models.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.runtime.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation command on the bundled artifacts: it reports every goal (met or not) and what it computes now is
 * what models/README.md and the manifests say, so no number there was typed in.
 */
class EvaluationITCase {
  private static EvaluationReport report;
  private static String readme;

  @BeforeAll
  static void evaluate() throws Exception {
    List<LoadedArtifact> artifacts = new ArrayList<>();
    for (String name : ArtifactStore.bundledNames()) {
      artifacts.add(ArtifactStore.readResource(name));
    }
    report = EvaluationReport.evaluate(artifacts, 200, Progress.NONE);
    readme = Files.readString(Path.of("README.md"));
  }

  @Test
  void reportsEveryForecasterAgainstItsGoalAsTheReadmeDoes() {
    assertThat(report.forecasts()).hasSize(3);
    String markdown = report.markdown();
    for (ForecastEvaluation.Result r : report.forecasts()) {
      ForecastEvaluation.Row model = r.model();
      assertThat(r.rows()).extracting(ForecastEvaluation.Row::method).contains("naive last value");
      assertThat(r.rows().stream().anyMatch(row -> row.method().startsWith("moving average"))).isTrue();
      assertThat(model.coverage()).isBetween(0.0, 1.0);
      String verdict = model.maeToNaive() <= EvaluationReport.FORECAST_GOAL ? "| met |" : "| **not met** |";
      String line = line(markdown, r.modelHash().substring(0, 12));
      assertThat(line).contains(verdict);

      String committed = line(readme, r.modelHash().substring(0, 12));
      assertThat(committed).as("README row of " + r.family()).contains(verdict);
      double committedRatio = Double.parseDouble(committed.split("\\|")[6].strip());
      assertThat(committedRatio).isCloseTo(model.maeToNaive(), within(0.002));
    }
  }

  @Test
  void reportsThePolicyAgainstTheBestBaselineAsTheReadmeDoes() {
    EvaluationReport.PolicyResult policy = report.policy();
    assertThat(policy.rows()).extracting(PolicyEvaluation.Row::strategy)
        .containsExactly("policy (PPO)", "equal-weight (hold)", "greedy yield", "follow the price-EMA gap");
    double ratio = EvaluationReport.policyRatio(policy);
    String verdict = !Double.isNaN(ratio) && ratio >= EvaluationReport.POLICY_GOAL ? "goal met" : "goal **not met**";
    assertThat(report.markdown()).contains(verdict);
    assertThat(readme).contains(verdict).contains("`" + policy.modelHash().substring(0, 12) + "`");
    Matcher m = Pattern.compile("Policy / best baseline = ([0-9.]+)").matcher(readme);
    assertThat(m.find()).isTrue();
    assertThat(Double.parseDouble(m.group(1))).isCloseTo(ratio, within(0.02));
  }

  @Test
  void manifestsCarryTheSameMetrics() throws Exception {
    for (ForecastEvaluation.Result r : report.forecasts()) {
      LoadedArtifact artifact = ArtifactStore.readResource(r.modelName());
      @SuppressWarnings("unchecked")
      Map<String, Object> lstm = (Map<String, Object>) artifact.manifest().metrics().get("LSTM (median)");
      assertThat(((Number) lstm.get("maeToNaive")).doubleValue()).isCloseTo(r.model().maeToNaive(), within(1e-3));
    }
  }

  private static String line(String text, String hashPrefix) {
    return text.lines().filter(l -> l.contains("`" + hashPrefix + "`")).findFirst()
        .orElseThrow(() -> new AssertionError("no table row for model " + hashPrefix));
  }
}
