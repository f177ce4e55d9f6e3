package io.ledgermind.cli.verify;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.flink.forecast.ForecastInputAssembler;
import io.ledgermind.flink.forecast.ForecastModelSpec;
import io.ledgermind.flink.forecast.ForecastRequest;
import io.ledgermind.flink.forecast.PublishForecasts;
import io.ledgermind.flink.inference.ForecasterPredictor;
import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import io.ledgermind.oracle.chain.OracleChain;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.oracle.chain.OracleEvents;
import io.ledgermind.oracle.report.FeedUpdateEntry;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.web3j.protocol.Web3j;
import org.web3j.utils.Numeric;

/**
 * Checks one on-chain round against the data behind it: reads the round (answer, window, target time) and its
 * {@code RoundPublished} event (model hash, inputs commitment), loads the feature windows the job fed the model from
 * ClickHouse, rebuilds the input window with the job's own assembler, recomputes the commitment, and re-runs the
 * model the hash names in deterministic mode. Every field that differs is named.
 */
public final class RoundVerifier {
  private final Web3j web3j;
  private final OracleDeployment deployment;
  private final ClickHouseHttpClient clickHouse;
  private final String database;
  private final List<ForecastModelSpec> models;
  private final ForecasterPredictor.ForecasterFactory forecasters;

  public RoundVerifier(Web3j web3j, OracleDeployment deployment, ClickHouseHttpClient clickHouse, String database,
      List<ForecastModelSpec> models, ForecasterPredictor.ForecasterFactory forecasters) {
    this.web3j = web3j;
    this.deployment = deployment;
    this.clickHouse = clickHouse;
    this.database = database;
    this.models = List.copyOf(models);
    this.forecasters = forecasters;
  }

  /** A round that cannot be verified at all (no such round, unknown model, no inputs): a clear error, not a verdict. */
  public static final class VerifyException extends Exception {
    private static final long serialVersionUID = 1L;

    VerifyException(String message) {
      super(message);
    }
  }

  /** One compared field: on-chain value, recomputed value. */
  public record Field(String name, String onChain, String recomputed) {
    public boolean matches() {
      return onChain.equalsIgnoreCase(recomputed);
    }
  }

  /** The verdict: MATCH when every field matches. */
  public record Verdict(String feed, long round, String model, long observedAt, long targetTime, long updatedAt,
      String txHash, int inputWindows, int filledRows, List<Field> fields) {
    public boolean match() {
      return fields.stream().allMatch(Field::matches);
    }

    public List<Field> mismatches() {
      return fields.stream().filter(f -> !f.matches()).toList();
    }
  }

  /** Verifies round {@code round} of {@code feed}, or its latest round when {@code round} is null. */
  public Verdict verify(String feed, Long round) throws IOException, VerifyException {
    if (!deployment.proxies().containsKey(feed)) {
      throw new VerifyException("feed " + feed + " is not in the deployment (feeds: " + deployment.feeds() + ")");
    }
    OracleChain chain = new OracleChain(web3j, deployment.oracle());
    long id = round != null ? round : chain.latestRounds(List.of(feed)).get(feed);
    if (id <= 0) {
      throw new VerifyException(feed + " has no round on oracle " + deployment.oracle() + " yet");
    }
    OracleChain.RoundDetails details = chain.roundDetails(feed, id)
        .orElseThrow(() -> new VerifyException(feed + " has no round " + id + " on oracle " + deployment.oracle()));
    OracleEvents.Published event = OracleEvents.find(web3j, deployment.oracle(), FeedUpdateEntry.feedIdOf(feed), id)
        .orElseThrow(() -> new VerifyException("no RoundPublished event for " + feed + " round " + id));
    String modelHash = Numeric.toHexStringNoPrefix(event.modelHash());
    ForecastModelSpec model = models.stream().filter(m -> m.modelHash().equalsIgnoreCase(modelHash)).findFirst()
        .orElseThrow(() -> new VerifyException("round " + id + " of " + feed + " names model 0x" + modelHash
            + ", which is not a model of this build (known: " + models.stream()
                .map(m -> m.modelName() + " 0x" + m.modelHash()).toList() + ")"));
    String entity = feed.substring(0, feed.lastIndexOf('/'));
    String target = feed.substring(feed.lastIndexOf('/') + 1);
    if (!model.family().target().equals(target) || !model.entities().contains(entity)) {
      throw new VerifyException("model " + model.modelName() + " does not forecast " + target + " of " + entity);
    }

    long windowEnd = details.observedAt() * 1000;
    long latestStart = windowEnd - model.stepMillis();
    long oldest = ForecastInputAssembler.oldestStart(model, latestStart);
    Map<Long, float[]> rows = new HashMap<>();
    Map<Long, String> featureIds = new TreeMap<>();
    loadRows(model, entity, oldest - model.stepMillis(), latestStart, rows, featureIds);
    if (!featureIds.containsKey(latestStart)) {
      throw new VerifyException("ClickHouse " + database + ".feature_windows has no " + entity + " window ending at "
          + java.time.Instant.ofEpochMilli(windowEnd) + " (the newest input of round " + id + ")");
    }
    ForecastRequest request;
    try {
      request = ForecastInputAssembler.assemble(model, entity, featureIds.get(latestStart), windowEnd, oldest,
          rows::get);
    } catch (Exception e) {
      throw new IllegalStateException("assembling from a map cannot fail", e);
    }

    List<Field> fields = new ArrayList<>();
    fields.add(new Field("inputsCommitment", Numeric.toHexString(event.inputsCommitment()), request.inputsCommitment));
    ForecastResult result;
    try (Forecaster forecaster = forecasters.open()) {
      result = forecaster.forecast(List.of(ForecastInput.builder().entity(entity).family(model.family())
          .windowEndMillis(windowEnd).window(request.window()).build())).get(0);
    } catch (Exception e) {
      throw new VerifyException("model " + model.modelName() + " could not be re-run: " + e.getMessage());
    }
    int decimals = deployment.decimals();
    fields.add(new Field("answer", details.answer().toString(),
        new BigInteger(PublishForecasts.scaledAnswer(result.points().get(0).value(), decimals)).toString()));
    fields.add(new Field("targetTime", Long.toString(details.targetTime()),
        Long.toString(result.points().get(0).targetTime() / 1000)));
    fields.add(new Field("modelHash", "0x" + modelHash, "0x" + result.modelHash()));
    return new Verdict(feed, id, model.modelName(), details.observedAt(), details.targetTime(), details.updatedAt(),
        event.txHash(), featureIds.size(), request.filledRows, fields);
  }

  private void loadRows(ForecastModelSpec model, String entity, long fromStart, long toStart, Map<Long, float[]> rows,
      Map<Long, String> featureIds) {
    String sql = "SELECT toUnixTimestamp(window_start), feature_id, name, value FROM (SELECT window_start, feature_id,"
        + " value_names, value_values FROM " + database + ".feature_windows FINAL WHERE domain = '" + model.domain()
        + "' AND entity = '" + entity.replace("'", "\\'") + "' AND window_start >= toDateTime(" + fromStart / 1000
        + ") AND window_start <= toDateTime(" + toStart / 1000 + ")) ARRAY JOIN value_names AS name,"
        + " value_values AS value";
    Map<Long, Map<String, Double>> values = new HashMap<>();
    for (String line : clickHouse.query(sql).split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t");
      long start = Long.parseLong(cols[0]) * 1000;
      featureIds.put(start, cols[1]);
      values.computeIfAbsent(start, s -> new HashMap<>()).put(cols[2], parse(cols[3]));
    }
    values.forEach((start, v) -> rows.put(start, ForecastInputAssembler.row(model, v)));
  }

  private static double parse(String text) {
    return switch (text) {
      case "nan", "-nan" -> Double.NaN;
      case "inf", "+inf" -> Double.POSITIVE_INFINITY;
      case "-inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
