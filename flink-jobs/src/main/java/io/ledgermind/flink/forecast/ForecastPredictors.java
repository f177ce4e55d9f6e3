package io.ledgermind.flink.forecast;

import io.ledgermind.flink.inference.ForecasterPredictor;
import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.SeriesFamily;
import io.ledgermind.models.avro.AvroRecords;
import java.time.Instant;

/** The forecaster call of the intelligence job: {@link ForecastRequest} in, {@link ForecastOutcome} out. */
public final class ForecastPredictors {
  private ForecastPredictors() {}

  public static ForecasterPredictor<ForecastRequest, ForecastOutcome> of(
      ForecasterPredictor.ForecasterFactory forecasters) {
    return ForecasterPredictor.<ForecastRequest, ForecastOutcome>builder()
        .forecaster(forecasters)
        .input(ForecastPredictors::input)
        .output((request, result) ->
            ForecastOutcome.of(request, AvroRecords.forecast(result, request.featureId, Instant.now())))
        .failure(ForecastOutcome::failed)
        .build();
  }

  static ForecastInput input(ForecastRequest request) {
    return ForecastInput.builder()
        .entity(request.entity)
        .family(SeriesFamily.valueOf(request.family))
        .windowEndMillis(request.windowEnd)
        .window(request.window())
        .build();
  }
}
