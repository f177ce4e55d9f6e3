package io.ledgermind.models;

import java.util.Objects;

/**
 * One entity's window of feature vectors, oldest row first: {@code window[step][feature]} with the feature order of
 * the model's {@link ModelInfo#inputFeatures()} (the first feature is the target series).
 *
 * <p>The last row is the step that ends at {@link #windowEndMillis()}; forecasts are issued at that instant and
 * horizon {@code h} targets {@code windowEndMillis + h * family.step()}. The array is not copied: do not mutate it
 * while a {@link Forecaster#forecast} call that received it runs.
 *
 * <p>{@code ForecastInput.builder().entity("USDC").family(SeriesFamily.STABLECOIN_NET_FLOW)
 * .windowEndMillis(t).window(rows).build()}
 */
public final class ForecastInput {
  private final String entity;
  private final SeriesFamily family;
  private final long windowEndMillis;
  private final float[][] window;

  private ForecastInput(Builder builder) {
    this.entity = Objects.requireNonNull(builder.entity, "entity");
    this.family = Objects.requireNonNull(builder.family, "family");
    this.windowEndMillis = builder.windowEndMillis;
    this.window = Objects.requireNonNull(builder.window, "window");
  }

  public static Builder builder() {
    return new Builder();
  }

  public String entity() {
    return entity;
  }

  public SeriesFamily family() {
    return family;
  }

  public long windowEndMillis() {
    return windowEndMillis;
  }

  /** The window itself (not a copy). */
  public float[][] window() {
    return window;
  }

  /** Builder of {@link ForecastInput}. */
  public static final class Builder {
    private String entity;
    private SeriesFamily family;
    private long windowEndMillis;
    private float[][] window;

    private Builder() {}

    public Builder entity(String entity) {
      this.entity = entity;
      return this;
    }

    public Builder family(SeriesFamily family) {
      this.family = family;
      return this;
    }

    public Builder windowEndMillis(long windowEndMillis) {
      this.windowEndMillis = windowEndMillis;
      return this;
    }

    public Builder window(float[][] window) {
      this.window = window;
      return this;
    }

    public ForecastInput build() {
      return new ForecastInput(this);
    }
  }
}
