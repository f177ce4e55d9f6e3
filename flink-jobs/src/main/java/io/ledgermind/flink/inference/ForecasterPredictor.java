package io.ledgermind.flink.inference;

import io.ledgermind.models.ForecastInput;
import io.ledgermind.models.ForecastResult;
import io.ledgermind.models.Forecaster;
import io.ledgermind.models.InferenceOptions;
import io.ledgermind.models.ModelInputException;
import io.ledgermind.models.ModelRegistry;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link BatchPredictor} over a models {@link Forecaster}; the job supplies the adapters between its own records
 * and the models API, so this class knows no record type.
 *
 * <pre>{@code
 * BatchPredictor<Window, Scored> predictor = ForecasterPredictor.<Window, Scored>builder()
 *     .forecaster(ForecasterPredictor.ForecasterFactory.bundled())
 *     .input(w -> ForecastInput.builder().entity(w.entity).family(w.family).windowEndMillis(w.end)
 *         .window(w.rows).build())
 *     .output((w, result) -> Scored.of(w, result))
 *     .failure((w, cause) -> Scored.error(w, cause))
 *     .build();
 * }</pre>
 *
 * <p>A {@link ModelInputException} names the offending input, so a bad input costs one extra call, not a bisection.
 */
public final class ForecasterPredictor<I, O> implements BatchPredictor<I, O> {
  private static final long serialVersionUID = 1L;

  /** Opens the forecaster on the task manager (forecasters hold native memory and are not serializable). */
  @FunctionalInterface
  public interface ForecasterFactory extends Serializable {
    Forecaster open() throws Exception;

    /**
     * The forecasters bundled with models, one per series family, in deterministic CPU mode: every forecast may
     * become an on-chain value that {@code ledgermind verify} must reproduce bit for bit, and a row computed inside
     * a batch differs in the last bits from the same row alone. One predictor in the pool: only the operator's
     * inference thread calls it. The job makes one forecast per entity and window, so batch-1 inference costs it
     * little (flink-jobs README, "Deterministic inference").
     */
    static ForecasterFactory bundled() {
      return () -> ModelRegistry.bundled().openForecasters(
          InferenceOptions.builder().deterministic(true).poolSize(1).build());
    }

    /** The bundled forecasters on the best device, micro-batched: faster, not bit-reproducible. */
    static ForecasterFactory bundledBatched() {
      return () -> ModelRegistry.bundled().openForecasters(InferenceOptions.builder().poolSize(1).build());
    }
  }

  /** Job record → model input. May throw for a malformed record; that record alone then becomes a failure. */
  @FunctionalInterface
  public interface InputAdapter<I> extends Serializable {
    ForecastInput toInput(I record) throws Exception;
  }

  /** Job record and its forecast → output record. */
  @FunctionalInterface
  public interface OutputAdapter<I, O> extends Serializable {
    O toOutput(I record, ForecastResult result) throws Exception;
  }

  /** Job record that could not be forecast → output record (e.g. an error to dead-letter). Must not throw. */
  @FunctionalInterface
  public interface FailureAdapter<I, O> extends Serializable {
    O toFailure(I record, Exception cause);
  }

  private final ForecasterFactory factory;
  private final InputAdapter<I> input;
  private final OutputAdapter<I, O> output;
  private final FailureAdapter<I, O> failure;
  private transient Forecaster forecaster;

  private ForecasterPredictor(Builder<I, O> b) {
    this.factory = Objects.requireNonNull(b.factory, "forecaster");
    this.input = Objects.requireNonNull(b.input, "input");
    this.output = Objects.requireNonNull(b.output, "output");
    this.failure = Objects.requireNonNull(b.failure, "failure");
  }

  public static <I, O> Builder<I, O> builder() {
    return new Builder<>();
  }

  @Override
  public void open() throws Exception {
    forecaster = factory.open();
  }

  @Override
  public List<O> predict(List<I> batch) throws Exception {
    List<ForecastInput> inputs = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      try {
        inputs.add(input.toInput(batch.get(i)));
      } catch (Exception e) {
        throw new AdapterException(i, e);
      }
    }
    List<ForecastResult> results = forecaster.forecast(inputs);
    List<O> outputs = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      try {
        outputs.add(output.toOutput(batch.get(i), results.get(i)));
      } catch (Exception e) {
        throw new AdapterException(i, e);
      }
    }
    return outputs;
  }

  @Override
  public int failingIndex(List<I> batch, Exception cause) {
    if (cause instanceof ModelInputException e) {
      return e.index();
    }
    if (cause instanceof AdapterException e) {
      return e.index;
    }
    return -1;
  }

  @Override
  public O failed(I record, Exception cause) {
    return failure.toFailure(record, cause instanceof AdapterException e ? (Exception) e.getCause() : cause);
  }

  @Override
  public void close() {
    if (forecaster != null) {
      forecaster.close();
      forecaster = null;
    }
  }

  /** An adapter threw for the record at {@code index}; failed(...) receives the adapter's own exception. */
  private static final class AdapterException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int index;

    AdapterException(int index, Exception cause) {
      super("adapter failed for input " + index + ": " + cause, cause);
      this.index = index;
    }
  }

  /** Builder of {@link ForecasterPredictor}; every part is required. */
  public static final class Builder<I, O> {
    private ForecasterFactory factory;
    private InputAdapter<I> input;
    private OutputAdapter<I, O> output;
    private FailureAdapter<I, O> failure;

    private Builder() {}

    public Builder<I, O> forecaster(ForecasterFactory factory) {
      this.factory = factory;
      return this;
    }

    public Builder<I, O> input(InputAdapter<I> input) {
      this.input = input;
      return this;
    }

    public Builder<I, O> output(OutputAdapter<I, O> output) {
      this.output = output;
      return this;
    }

    public Builder<I, O> failure(FailureAdapter<I, O> failure) {
      this.failure = failure;
      return this;
    }

    public ForecasterPredictor<I, O> build() {
      return new ForecasterPredictor<>(this);
    }
  }
}
