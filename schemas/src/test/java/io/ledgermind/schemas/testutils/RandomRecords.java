package io.ledgermind.schemas.testutils;

import io.ledgermind.schemas.serde.ExactNumber;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds a valid instance of any generated record from its schema, every field derived from the seed. Values are
 * drawn from the extremes on purpose: 0 and 2^256-1 amounts, -2^255 answers, empty and non-ASCII strings, epoch and
 * far-future timestamps, empty and non-empty arrays and maps, null and present optionals.
 */
public final class RandomRecords {
  private static final String[] STRINGS = {"", "USDC", "ünï©ødé ✓ 🚀 عربى", "0xdac17f958d2ee523a2206206994597c13d831ec7"};
  private static final BigInteger[] UINT = {BigInteger.ZERO, BigInteger.ONE, ExactNumber.UINT256_MAX,
      BigInteger.valueOf(1_000_000)};
  private static final BigInteger[] INT = {ExactNumber.INT256_MIN, ExactNumber.INT256_MAX, BigInteger.ONE.negate(),
      BigInteger.ZERO};
  private static final String[] DECIMALS = {"0", "0.000000000000000001", "123456789.5", "42"};
  private static final long[] LONGS = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE};
  private static final int[] INTS = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
  private static final double[] DOUBLES = {0.0, -0.5, 1e-300, Double.MAX_VALUE, -Double.MAX_VALUE};
  private static final long[] MILLIS = {0L, 1_764_028_800_123L, 32_503_680_000_000L};

  private final Random random;

  public RandomRecords(long seed) {
    this.random = new Random(seed);
  }

  @SuppressWarnings("unchecked")
  public <T extends SpecificRecord> T next(Class<T> type) {
    return (T) record(SpecificData.get().getSchema(type));
  }

  private Object record(Schema schema) {
    SpecificRecord record = (SpecificRecord) SpecificData.get().newRecord(null, schema);
    for (Schema.Field field : schema.getFields()) {
      String numeric = field.getProp(ExactNumber.PROPERTY);
      record.put(field.pos(), value(field.schema(), numeric == null ? null : ExactNumber.fromProperty(numeric)));
    }
    return record;
  }

  private Object value(Schema schema, ExactNumber numeric) {
    switch (schema.getType()) {
      case RECORD:
        return record(schema);
      case UNION: {
        boolean nullable = schema.getTypes().get(0).getType() == Schema.Type.NULL;
        if (nullable && random.nextInt(3) == 0) {
          return null;
        }
        return value(schema.getTypes().get(nullable ? 1 : 0), numeric);
      }
      case ARRAY: {
        List<Object> items = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          items.add(value(schema.getElementType(), numeric));
        }
        return items;
      }
      case MAP: {
        Map<String, Object> map = new HashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put("k" + i + pick(STRINGS), value(schema.getValueType(), numeric));
        }
        return map;
      }
      case ENUM:
        return SpecificData.get().createEnum(
            schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())), schema);
      case STRING:
        if (numeric == ExactNumber.UINT256) {
          return random.nextBoolean() ? pick(UINT).toString() : new BigInteger(256, random).toString();
        }
        if (numeric == ExactNumber.INT256) {
          return random.nextBoolean() ? pick(INT).toString() : new BigInteger(255, random).negate().toString();
        }
        if (numeric == ExactNumber.DECIMAL) {
          return pick(DECIMALS);
        }
        return pick(STRINGS) + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(1000)));
      case LONG:
        if ("timestamp-millis".equals(schema.getProp("logicalType"))) {
          return Instant.ofEpochMilli(MILLIS[random.nextInt(MILLIS.length)] + random.nextInt(1000));
        }
        return random.nextBoolean() ? LONGS[random.nextInt(LONGS.length)] : random.nextLong();
      case INT:
        return random.nextBoolean() ? INTS[random.nextInt(INTS.length)] : random.nextInt();
      case DOUBLE:
        return random.nextBoolean() ? DOUBLES[random.nextInt(DOUBLES.length)] : random.nextGaussian() * 1e6;
      case BYTES: {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        return ByteBuffer.wrap(bytes);
      }
      case BOOLEAN:
        return random.nextBoolean();
      default:
        throw new IllegalArgumentException("no generator for " + schema);
    }
  }

  @SafeVarargs
  private <V> V pick(V... values) {
    return values[random.nextInt(values.length)];
  }
}
