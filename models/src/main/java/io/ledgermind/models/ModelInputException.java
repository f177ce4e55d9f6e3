package io.ledgermind.models;

/**
 * An input a model refuses to compute on. Permanent: retrying the same input fails the same way, so callers route
 * it to a dead letter with {@link #reason()} rather than retry. Carries the batch index and entity that failed.
 */
public final class ModelInputException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an input was refused. */
  public enum Reason {
    /** NaN or ±Inf in a feature. */
    NON_FINITE,
    /** Window row count differs from the model's window length. */
    WRONG_WINDOW_LENGTH,
    /** A row or observation has the wrong number of features. */
    WRONG_FEATURE_COUNT,
    /** The model has no normalisation statistics for the entity. */
    UNKNOWN_ENTITY,
    /** No artifact with that model hash is registered. */
    UNKNOWN_MODEL_HASH,
    /** The input's series family is not the one (or ones) the forecaster serves. */
    WRONG_SERIES_FAMILY,
    /** A value outside the feature's domain, e.g. a non-positive value of a log-transformed feature. */
    OUT_OF_DOMAIN
  }

  private final Reason reason;
  private final int index;
  private final String entity;
  private final String detail;

  public ModelInputException(Reason reason, int index, String entity, String detail) {
    super(reason + (index >= 0 ? " at input " + index : "") + (entity != null ? " (" + entity + ")" : "") + ": "
        + detail);
    this.reason = reason;
    this.index = index;
    this.entity = entity;
    this.detail = detail;
  }

  /** The same error for the input at {@code newIndex} of an enclosing batch. */
  public ModelInputException atIndex(int newIndex) {
    return new ModelInputException(reason, newIndex, entity, detail);
  }

  /** An error about no particular input, e.g. {@link Reason#UNKNOWN_MODEL_HASH}. */
  public static ModelInputException of(Reason reason, String message) {
    return new ModelInputException(reason, -1, null, message);
  }

  public Reason reason() {
    return reason;
  }

  /** Position of the failing input in the batch; -1 when the error is about no single input. */
  public int index() {
    return index;
  }

  /** What was wrong, without the reason and index prefix. */
  public String detail() {
    return detail;
  }

  /** Entity of the failing input, or null. */
  public String entity() {
    return entity;
  }
}
