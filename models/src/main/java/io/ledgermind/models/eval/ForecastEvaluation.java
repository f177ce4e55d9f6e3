package io.ledgermind.models.eval;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import io.ledgermind.models.ModelInfo;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.data.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Held-out evaluation of a forecaster against naive baselines: the series the model was trained on are
 * regenerated from the manifest's data seed, and forecasts are made at every origin whose targets all lie after the
 * training rows (rolling origin, horizons 1..H). Errors are in series units, pooled over entities and horizons.
 *
 * <p>Baselines: last value (naive), moving average of the last {@code k} steps (one day of hours, one week of
 * days, twelve tempos), and the seasonal naive (value one period earlier) where the family has a season.
 */
public final class ForecastEvaluation {
  private static final int BATCH = 512;

  private ForecastEvaluation() {}

  /** One method's errors. {@code coverage} is NaN for baselines (they give no interval). */
  public record Row(String method, double mae, double rmse, double maeToNaive, double coverage) {}

  /** A family's table. */
  public record Result(SeriesFamily family, String modelName, String modelHash, long forecasts, List<Row> rows) {
    public Row model() {
      return rows.get(0);
    }

    /** This result followed by {@code other}'s rows, their methods suffixed with {@code label}. */
    public Result with(Result other, String label) {
      List<Row> all = new ArrayList<>(rows);
      for (Row row : other.rows()) {
        all.add(new Row(row.method() + ", " + label, row.mae(), row.rmse(), row.maeToNaive(), row.coverage()));
      }
      return new Result(family, modelName, modelHash, forecasts + other.forecasts(), all);
    }
  }

  /** Evaluates at every origin of {@code series} whose targets all lie at or after row {@code trainRows}. */
  public static Result run(Forecaster forecaster, List<Series> series, int trainRows) throws ModelInputException {
    ModelInfo info = forecaster.models().get(0);
    SeriesFamily family = info.family().orElseThrow();
    int window = info.windowLength();
    int horizons = info.horizons().size();
    int maWindow = switch (family) {
      case STABLECOIN_NET_FLOW -> 24;
      case DEPIN_USAGE -> 7;
      case SUBNET_EMISSION_SHARE -> 12;
    };
    int season = switch (family) {
      case STABLECOIN_NET_FLOW -> 24;
      case DEPIN_USAGE -> 7;
      case SUBNET_EMISSION_SHARE -> 0;
    };
    Errors model = new Errors();
    Errors naive = new Errors();
    Errors movingAverage = new Errors();
    Errors seasonal = new Errors();
    long covered = 0;
    for (Series s : series) {
      float[][] r = s.rows();
      List<Integer> origins = new ArrayList<>();
      for (int t = Math.max(trainRows - 1, window - 1); t + horizons < s.length(); t++) {
        origins.add(t);
      }
      for (int from = 0; from < origins.size(); from += BATCH) {
        List<Integer> chunk = origins.subList(from, Math.min(origins.size(), from + BATCH));
        List<ForecastInput> inputs = new ArrayList<>(chunk.size());
        for (int t : chunk) {
          inputs.add(ForecastInput.builder().entity(s.entity()).family(family).windowEndMillis(s.endMillis(t))
              .window(Arrays.copyOfRange(r, t - window + 1, t + 1)).build());
        }
        List<ForecastResult> results = forecaster.forecast(inputs);
        for (int k = 0; k < chunk.size(); k++) {
          int t = chunk.get(k);
          double ma = 0;
          for (int j = 0; j < maWindow; j++) {
            ma += r[t - j][0] / maWindow;
          }
          for (int h = 1; h <= horizons; h++) {
            double y = r[t + h][0];
            var point = results.get(k).points().get(h - 1);
            model.add(point.value() - y);
            covered += y >= point.lower() && y <= point.upper() ? 1 : 0;
            naive.add(r[t][0] - y);
            movingAverage.add(ma - y);
            if (season > 0) {
              // value one season before the target, taken from the window (h <= season)
              seasonal.add(r[t + h - season * ((h + season - 1) / season)][0] - y);
            }
          }
        }
      }
    }
    List<Row> rowsOut = new ArrayList<>();
    rowsOut.add(new Row("LSTM (median)", model.mae(), model.rmse(), model.mae() / naive.mae(),
        covered / (double) model.count));
    rowsOut.add(naive.row("naive last value", naive));
    rowsOut.add(movingAverage.row("moving average (" + maWindow + ")", naive));
    if (season > 0) {
      rowsOut.add(seasonal.row("seasonal naive (" + season + ")", naive));
    }
    return new Result(family, info.name(), info.hash(), model.count, rowsOut);
  }

  private static final class Errors {
    private double absolute;
    private double squared;
    private long count;

    void add(double error) {
      absolute += Math.abs(error);
      squared += error * error;
      count++;
    }

    double mae() {
      return absolute / count;
    }

    double rmse() {
      return Math.sqrt(squared / count);
    }

    Row row(String name, Errors naive) {
      return new Row(name, mae(), rmse(), mae() / naive.mae(), Double.NaN);
    }
  }
}
