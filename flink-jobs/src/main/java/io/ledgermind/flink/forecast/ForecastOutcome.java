package io.ledgermind.flink.forecast;

import io.ledgermind.schemas.derived.Forecast;

/**
 * What the inference operator made of one {@link ForecastRequest}: a forecast, or the reason there is none. A Flink
 * POJO; the Avro forecast travels with Flink's Avro serializer.
 */
public class ForecastOutcome {
  public ForecastRequest request;
  /** Null when inference failed. */
  public Forecast forecast;
  /** Why inference failed; null on success. */
  public String error;
  /** Exception class of the failure, e.g. ModelInputException. */
  public String errorType;

  public ForecastOutcome() {}

  public static ForecastOutcome of(ForecastRequest request, Forecast forecast) {
    ForecastOutcome outcome = new ForecastOutcome();
    outcome.request = request;
    outcome.forecast = forecast;
    return outcome;
  }

  public static ForecastOutcome failed(ForecastRequest request, Exception cause) {
    ForecastOutcome outcome = new ForecastOutcome();
    outcome.request = request;
    outcome.error = String.valueOf(cause.getMessage());
    outcome.errorType = cause.getClass().getSimpleName();
    return outcome;
  }

  public boolean ok() {
    return forecast != null;
  }
}
