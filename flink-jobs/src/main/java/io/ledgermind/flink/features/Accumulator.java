package io.ledgermind.flink.features;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one event contributes to a feature window, or what a whole window holds: exact integer sums (token amounts,
 * int256), floating sums (ratios, prices) and member counts (for distinct counts such as active providers). Every
 * part is a sum, so a window's accumulator is the sum of its events' contributions and a retraction subtracts the
 * contribution of the event it withdraws: corrections are exact, not approximate.
 *
 * <p>State holds accumulators as bytes ({@link #toBytes()}): a versioned layout we own, so savepoints survive
 * changes to this class and Flink never falls back to Kryo for the maps.
 */
public final class Accumulator {
  private static final byte FORMAT = 1;

  private final TreeMap<String, BigInteger> exact = new TreeMap<>();
  private final TreeMap<String, Double> sums = new TreeMap<>();
  private final TreeMap<String, Long> members = new TreeMap<>();
  private long events;
  private long retracted;

  /** Adds an exact amount (e.g. a token amount in its smallest unit). */
  public Accumulator addExact(String name, BigInteger amount) {
    exact.merge(name, amount, BigInteger::add);
    return this;
  }

  /** Adds to a floating-point sum (ratios, prices: values that were never exact on-chain amounts). */
  public Accumulator addSum(String name, double value) {
    sums.merge(name, value, Double::sum);
    return this;
  }

  /** Counts one occurrence of {@code member} in the set {@code set}, e.g. a provider that was active. */
  public Accumulator addMember(String set, String member) {
    members.merge(set + '\u0000' + member, 1L, Long::sum);
    return this;
  }

  /** Marks this as the contribution of one event. */
  public Accumulator countEvent() {
    events++;
    return this;
  }

  /** Adds {@code other} (a contribution or another accumulator). */
  public void add(Accumulator other) {
    combine(other, 1);
    events += other.events;
  }

  /**
   * Subtracts the contribution of a retracted event: its sums leave the window, members whose count drops to zero
   * leave their set, and the event moves from the event count to the retracted count.
   */
  public void retract(Accumulator contribution) {
    combine(contribution, -1);
    events -= contribution.events;
    retracted += contribution.events;
  }

  private void combine(Accumulator other, int sign) {
    other.exact.forEach((k, v) -> exact.merge(k, sign > 0 ? v : v.negate(), BigInteger::add));
    other.sums.forEach((k, v) -> sums.merge(k, sign * v, Double::sum));
    other.members.forEach((k, v) -> {
      long count = members.getOrDefault(k, 0L) + sign * v;
      if (count > 0) {
        members.put(k, count);
      } else {
        members.remove(k);
      }
    });
  }

  public BigInteger exact(String name) {
    return exact.getOrDefault(name, BigInteger.ZERO);
  }

  public double sum(String name) {
    return sums.getOrDefault(name, 0.0);
  }

  /** How many distinct members the set holds. */
  public int distinct(String set) {
    String prefix = set + '\u0000';
    return members.subMap(prefix, prefix + '\uffff').size();
  }

  /** The members of a set, with how many events named each. */
  public SortedMap<String, Long> members(String set) {
    String prefix = set + '\u0000';
    TreeMap<String, Long> result = new TreeMap<>();
    members.subMap(prefix, prefix + '\uffff').forEach((k, v) -> result.put(k.substring(prefix.length()), v));
    return result;
  }

  /** Exact sums by name (sorted, read-only). */
  public Map<String, BigInteger> exactSums() {
    return Collections.unmodifiableMap(exact);
  }

  /** Events in the window (retracted ones excluded). */
  public long events() {
    return events;
  }

  /** Events withdrawn by retractions. */
  public long retracted() {
    return retracted;
  }

  public byte[] toBytes() {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 32 * (exact.size() + sums.size()));
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(FORMAT);
      out.writeLong(events);
      out.writeLong(retracted);
      out.writeInt(exact.size());
      for (Map.Entry<String, BigInteger> e : exact.entrySet()) {
        out.writeUTF(e.getKey());
        byte[] magnitude = e.getValue().toByteArray();
        out.writeShort(magnitude.length);
        out.write(magnitude);
      }
      out.writeInt(sums.size());
      for (Map.Entry<String, Double> e : sums.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeDouble(e.getValue());
      }
      out.writeInt(members.size());
      for (Map.Entry<String, Long> e : members.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeLong(e.getValue());
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Accumulator fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("unknown accumulator state format " + format);
      }
      Accumulator acc = new Accumulator();
      acc.events = in.readLong();
      acc.retracted = in.readLong();
      for (int i = in.readInt(); i > 0; i--) {
        String key = in.readUTF();
        byte[] magnitude = new byte[in.readUnsignedShort()];
        in.readFully(magnitude);
        acc.exact.put(key, new BigInteger(magnitude));
      }
      for (int i = in.readInt(); i > 0; i--) {
        acc.sums.put(in.readUTF(), in.readDouble());
      }
      for (int i = in.readInt(); i > 0; i--) {
        acc.members.put(in.readUTF(), in.readLong());
      }
      return acc;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
