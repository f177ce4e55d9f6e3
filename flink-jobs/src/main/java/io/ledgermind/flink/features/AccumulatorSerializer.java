package io.ledgermind.flink.features;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer of {@link Accumulator}: its own versioned byte layout, length-prefixed. With the heap state backend
 * a window's accumulator then lives in state as an object, and is only encoded when a checkpoint is taken, instead
 * of being decoded and encoded again for every event.
 */
public final class AccumulatorSerializer extends TypeSerializerSingleton<Accumulator> {
  private static final long serialVersionUID = 1L;
  public static final AccumulatorSerializer INSTANCE = new AccumulatorSerializer();

  @Override
  public boolean isImmutableType() {
    return false;
  }

  @Override
  public Accumulator createInstance() {
    return new Accumulator();
  }

  @Override
  public Accumulator copy(Accumulator from) {
    return Accumulator.fromBytes(from.toBytes());
  }

  @Override
  public Accumulator copy(Accumulator from, Accumulator reuse) {
    return copy(from);
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Accumulator record, DataOutputView target) throws IOException {
    byte[] bytes = record.toBytes();
    target.writeInt(bytes.length);
    target.write(bytes);
  }

  @Override
  public Accumulator deserialize(DataInputView source) throws IOException {
    byte[] bytes = new byte[source.readInt()];
    source.readFully(bytes);
    return Accumulator.fromBytes(bytes);
  }

  @Override
  public Accumulator deserialize(Accumulator reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public TypeSerializerSnapshot<Accumulator> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Snapshot of the (stateless) serializer; the byte layout carries its own format version. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<Accumulator> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
