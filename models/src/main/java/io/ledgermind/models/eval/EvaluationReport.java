package io.ledgermind.models.eval;

import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelArtifactException;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.ModelKind;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.artifact.ArtifactStore;
import io.ledgermind.models.data.Dataset;
import io.ledgermind.models.artifact.LoadedArtifact;
import io.ledgermind.models.lstm.LstmForecaster;
import io.ledgermind.models.policy.EnvConfig;
import io.ledgermind.models.policy.PpoTrainer;
import io.ledgermind.models.policy.MlpPolicy;
import io.ledgermind.models.runtime.Progress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The evaluation of a set of artifacts against the goals of issue 5, rendered as the markdown table that goes into
 * models/README.md. Nothing in it is typed by hand: every number comes from {@link ForecastEvaluation} and
 * {@link PolicyEvaluation} runs on held-out data.
 */
public final class EvaluationReport {
  /** LSTM goal: MAE at most this fraction of the naive last-value MAE. */
  public static final double FORECAST_GOAL = 0.8;
  /** Policy goal: mean return at least this multiple of the best baseline's. */
  public static final double POLICY_GOAL = 1.2;

  private final List<ForecastEvaluation.Result> forecasts;
  private final PolicyResult policy;

  /** A policy's evaluation. */
  public record PolicyResult(String modelName, String modelHash, int episodes, List<PolicyEvaluation.Row> rows) {}

  private EvaluationReport(List<ForecastEvaluation.Result> forecasts, PolicyResult policy) {
    this.forecasts = forecasts;
    this.policy = policy;
  }

  public static EvaluationReport evaluate(List<LoadedArtifact> artifacts, int episodes, Progress progress)
      throws ModelArtifactException, ModelInputException {
    List<ForecastEvaluation.Result> forecasts = new ArrayList<>();
    PolicyResult policy = null;
    InferenceOptions options = InferenceOptions.builder().device(InferenceOptions.DeviceChoice.CPU).poolSize(1)
        .build();
    int done = 0;
    for (LoadedArtifact artifact : artifacts) {
      if (artifact.manifest().kind() == ModelKind.LSTM_FORECASTER) {
        try (LstmForecaster forecaster = LstmForecaster.open(artifact, options)) {
          forecasts.add(evaluate(forecaster, artifact));
        }
      } else {
        EnvConfig env = recordedEnvironment(artifact);
        try (MlpPolicy p = MlpPolicy.open(artifact, options)) {
          policy = new PolicyResult(p.model().name(), p.model().hash(), episodes,
              PolicyEvaluation.run(p, env, episodes, Progress.NONE));
        }
      }
      progress.update(++done, artifacts.size(), artifact.manifest().name());
    }
    return new EvaluationReport(forecasts, policy);
  }

  /**
   * The environment a policy is evaluated in: the one its manifest records it was trained in. This build can
   * rebuild only its default environment, so a policy trained in another one is refused rather than judged in a
   * world it never saw.
   */
  private static EnvConfig recordedEnvironment(LoadedArtifact artifact) throws ModelArtifactException {
    EnvConfig env = EnvConfig.defaults();
    Object recorded = artifact.manifest().training().get("environment");
    Map<String, Object> expected = PpoTrainer.environmentInfo(env);
    if (!expected.equals(recorded)) {
      throw new ModelArtifactException(ModelArtifactException.Reason.UNSUPPORTED, artifact.location(),
          artifact.manifest().name() + " was trained in environment " + recorded + ", not in this build's "
              + expected + "; retrain it with `ledgermind models train policy`");
    }
    return env;
  }

  /**
   * A forecaster is evaluated on the pipeline's feature windows stored beside it: the held-out rows after
   * {@code trainRows} and, where recorded, the whole history of another seed.
   */
  private static ForecastEvaluation.Result evaluate(LstmForecaster forecaster, LoadedArtifact artifact)
      throws ModelInputException, ModelArtifactException {
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) artifact.manifest().training().get("data");
    if (data == null || !data.containsKey("dataset")) {
      throw new ModelArtifactException(ModelArtifactException.Reason.UNSUPPORTED, artifact.location(),
          artifact.manifest().name() + " records no dataset of the pipeline's feature windows to evaluate on;"
              + " retrain it with `ledgermind models train-from-pipeline`");
    }
    SeriesFamily family = forecaster.models().get(0).family().orElseThrow();
    try (java.io.InputStream in = ArtifactStore.openFile(artifact, (String) data.get("dataset"))) {
      Dataset dataset = Dataset.read(family, in);
      ForecastEvaluation.Result later = ForecastEvaluation.run(forecaster, dataset.series(),
          ((Number) data.get("trainRows")).intValue());
      if (!data.containsKey("heldOutSeedDataset")) {
        return later;
      }
      try (java.io.InputStream other = ArtifactStore.openFile(artifact, (String) data.get("heldOutSeedDataset"))) {
        ForecastEvaluation.Result seed = ForecastEvaluation.run(forecaster, Dataset.read(family, other).series(), 0);
        return later.with(seed, "held-out seed " + data.get("heldOutSeed"));
      }
    } catch (java.io.IOException e) {
      throw new ModelArtifactException(ModelArtifactException.Reason.IO, artifact.location(),
          "cannot read the dataset of " + artifact.manifest().name() + ": " + e.getMessage(), e);
    }
  }

  public List<ForecastEvaluation.Result> forecasts() {
    return forecasts;
  }

  public PolicyResult policy() {
    return policy;
  }

  /** Ratio of the policy's mean return to the best baseline's; NaN when the best baseline does not gain. */
  public static double policyRatio(PolicyResult result) {
    double best = result.rows().stream().skip(1).mapToDouble(PolicyEvaluation.Row::meanReturn).max().orElse(0);
    return best > 0 ? result.rows().get(0).meanReturn() / best : Double.NaN;
  }

  /** Metrics of one artifact for its manifest. */
  public Map<String, Object> metricsFor(String modelHash) {
    Map<String, Object> metrics = new LinkedHashMap<>();
    for (ForecastEvaluation.Result r : forecasts) {
      if (r.modelHash().equals(modelHash)) {
        metrics.put("heldOutForecasts", r.forecasts());
        for (ForecastEvaluation.Row row : r.rows()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("mae", round(row.mae()));
          m.put("rmse", round(row.rmse()));
          m.put("maeToNaive", round(row.maeToNaive()));
          if (!Double.isNaN(row.coverage())) {
            m.put("intervalCoverage", round(row.coverage()));
          }
          metrics.put(row.method(), m);
        }
      }
    }
    if (policy != null && policy.modelHash().equals(modelHash)) {
      metrics.put("heldOutEpisodes", policy.episodes());
      for (PolicyEvaluation.Row row : policy.rows()) {
        metrics.put(row.strategy(), Map.of("meanReturnPercent", round(row.meanReturn()), "standardError",
            round(row.standardError()), "tradesPerEpisode", round(row.tradesPerEpisode())));
      }
    }
    return metrics;
  }

  /** The markdown that goes between the README markers. */
  public String markdown() {
    StringBuilder md = new StringBuilder();
    if (!forecasts.isEmpty()) {
      md.append("**Forecasters** (held-out rolling origins, horizons 1-6 pooled, series units; goal: LSTM MAE ≤ ")
          .append(FORECAST_GOAL).append(" × naive)\n\n");
      md.append("| family | model hash | method | MAE | RMSE | MAE / naive | 80 % interval coverage | goal |\n");
      md.append("|---|---|---|---:|---:|---:|---:|---|\n");
      for (ForecastEvaluation.Result r : forecasts) {
        for (int i = 0; i < r.rows().size(); i++) {
          ForecastEvaluation.Row row = r.rows().get(i);
          md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %.3f | %s | %s |%n",
              i == 0 ? r.family().id() : "", i == 0 ? "`" + r.modelHash().substring(0, 12) + "`" : "",
              row.method(), num(row.mae()), num(row.rmse()), row.maeToNaive(),
              Double.isNaN(row.coverage()) ? "" : String.format(Locale.ROOT, "%.3f", row.coverage()),
              i == 0 ? (row.maeToNaive() <= FORECAST_GOAL ? "met" : "**not met**") : ""));
        }
      }
    }
    if (policy != null) {
      double ratio = policyRatio(policy);
      md.append("\n**Policy** (").append(policy.episodes()).append(" held-out episodes of 64 tempos, seeds 10^9..; ")
          .append("goal: mean return ≥ ").append(POLICY_GOAL).append(" × best baseline; model hash `")
          .append(policy.modelHash(), 0, 12).append("`)\n\n");
      md.append("| strategy | mean return % | std. error | trades / episode |\n|---|---:|---:|---:|\n");
      for (PolicyEvaluation.Row row : policy.rows()) {
        md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.1f |%n", row.strategy(), row.meanReturn(),
            row.standardError(), row.tradesPerEpisode()));
      }
      md.append(String.format(Locale.ROOT, "%nPolicy / best baseline = %s: goal %s.%n",
          Double.isNaN(ratio) ? "n/a (no baseline gains)" : String.format(Locale.ROOT, "%.2f", ratio),
          !Double.isNaN(ratio) && ratio >= POLICY_GOAL ? "met" : "**not met**"));
    }
    return md.toString();
  }

  private static String num(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.1f" : Math.abs(v) >= 0.01 ? "%.4f" : "%.3e", v);
  }

  private static double round(double v) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.6g", v));
  }
}
