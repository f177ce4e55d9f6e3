package io.ledgermind.models.runtime;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A fixed set of DJL predictors over one model. A {@link Predictor} is not thread-safe, so each call borrows one
 * exclusively and returns it; callers beyond the pool size wait. The model's parameters are shared (read-only).
 */
public final class PredictorPool<I, O> implements AutoCloseable {
  private final BlockingQueue<Predictor<I, O>> idle;
  private final List<Predictor<I, O>> all = new ArrayList<>();

  public PredictorPool(Model model, Translator<I, O> translator, Device device, int size) {
    idle = new ArrayBlockingQueue<>(size);
    for (int i = 0; i < size; i++) {
      Predictor<I, O> predictor = model.newPredictor(translator, device);
      all.add(predictor);
      idle.add(predictor);
    }
  }

  /** Runs one native call on a borrowed predictor. */
  public O predict(I input) {
    Predictor<I, O> predictor;
    try {
      predictor = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for a predictor", e);
    }
    try {
      DjlRuntime.prepareThread();
      return predictor.predict(input);
    } catch (TranslateException e) {
      // Inputs are validated before they get here: a failure now is a bug or a broken native library.
      throw new IllegalStateException("native inference failed", e);
    } finally {
      idle.add(predictor);
    }
  }

  public int size() {
    return all.size();
  }

  @Override
  public void close() {
    all.forEach(Predictor::close);
  }
}
