package io.ledgermind.models.runtime;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Plain float arrays in and out of a predictor. Batching is ours (the forecaster builds whole batches), so DJL's
 * batchifier is off; arrays live in the per-call manager DJL closes after each predict.
 */
public final class FloatBatchTranslator implements NoBatchifyTranslator<FloatBatch, float[]> {
  private static final LayoutType[] NTC = LayoutType.fromValue("NTC");

  @Override
  public NDList processInput(TranslatorContext ctx, FloatBatch batch) {
    Shape shape = batch.ntc() ? new Shape(batch.shape(), NTC) : new Shape(batch.shape());
    return new NDList(ctx.getNDManager().create(batch.data(), shape));
  }

  @Override
  public float[] processOutput(TranslatorContext ctx, NDList list) {
    return list.singletonOrThrow().toFloatArray();
  }
}
