package io.ledgermind.flink.inference;

import java.io.Serializable;
import java.util.List;

/**
 * A model call that takes many inputs at once, run by {@link MicroBatchingAsyncFunction}.
 *
 * <p>Threading: {@link #open()} and {@link #close()} run on the task thread; {@link #predict} runs on the
 * operator's single inference thread only, so an implementation need not be thread-safe for it. {@link #failed}
 * may run on the task thread (timeouts) while a {@link #predict} call is under way: it must only build a value
 * (e.g. an error record) and never touch the model.
 *
 * <p>Serialized into the job graph: hold configuration in fields, open native resources in {@link #open()}.
 *
 * @param <I> request type
 * @param <O> result type: a prediction or, through {@link #failed}, an error record the job routes elsewhere
 */
public interface BatchPredictor<I, O> extends Serializable {

  /** Called once per subtask on the task manager before the first {@link #predict}, e.g. to load a model. */
  void open() throws Exception;

  /**
   * Predicts a batch in one call.
   *
   * @param batch the requests, in arrival order; not to be modified or kept after the call
   * @return exactly one output per input, in input order
   * @throws Exception when any input cannot be predicted; the operator then isolates the offending input(s) by
   *     retrying smaller batches (see {@link #failingIndex}) and maps only those through {@link #failed}
   */
  List<O> predict(List<I> batch) throws Exception;

  /**
   * Maps an input that could not be predicted (its own error, or a timeout) to an output, so one bad input never
   * fails the job. Must not throw: an exception here fails the job.
   */
  O failed(I input, Exception cause);

  /**
   * Which input of {@code batch} caused {@code cause}, when the predictor can tell (a model that validates the whole
   * batch first and names the offending index); -1 otherwise. A known index lets the operator fail that input and
   * retry the rest in one call instead of bisecting the batch.
   */
  default int failingIndex(List<I> batch, Exception cause) {
    return -1;
  }

  /** Called once per subtask when the operator closes, after the last {@link #predict} returned. */
  default void close() throws Exception {}
}
