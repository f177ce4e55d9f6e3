package io.ledgermind.models.runtime;

/**
 * A batch as a flat row-major float array and its shape; the NTC flag marks a {@code [batch, time, channels]}
 * input, whose layout the LSTM requires.
 */
public record FloatBatch(float[] data, long[] shape, boolean ntc) {}
