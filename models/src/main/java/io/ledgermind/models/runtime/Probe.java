package io.ledgermind.models.runtime;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/** Runs a trained, still in-memory block on a batch in inference mode (the reference for save/reload checks). */
public final class Probe {
  private Probe() {}

  public static float[] run(Block block, NDManager parent, FloatBatch batch) {
    try (NDManager manager = parent.newSubManager()) {
      Shape shape = batch.ntc() ? new Shape(batch.shape(), LayoutType.fromValue("NTC")) : new Shape(batch.shape());
      NDList out = block.forward(new ParameterStore(manager, false), new NDList(manager.create(batch.data(), shape)),
          false);
      return out.singletonOrThrow().toFloatArray();
    }
  }
}
