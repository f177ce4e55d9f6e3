package io.ledgermind.testing;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Names that isolate one test class from every other run against the same stack. */
final class UniqueNames {
  private UniqueNames() {}

  /** {@code prefix_<class>_<8 hex>}: only {@code [a-z0-9_]}, valid as a Kafka topic and a ClickHouse identifier. */
  static String forClass(String prefix, Class<?> testClass) {
    String simple = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    if (simple.length() > 40) {
      simple = simple.substring(0, 40);
    }
    return prefix + "_" + simple + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 32);
  }
}
