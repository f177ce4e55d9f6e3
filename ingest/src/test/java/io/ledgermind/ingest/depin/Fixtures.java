package io.ledgermind.ingest.depin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Recorded payloads under {@code src/test/resources/fixtures/} and the fixed clock adapter tests run on. */
public final class Fixtures {
  /** Ingest time and dead-letter time of every adapter test. */
  public static final Instant NOW = Instant.parse("2026-04-01T12:00:00Z");
  public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private Fixtures() {}

  /** Bytes of {@code fixtures/<path>}. */
  public static byte[] read(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
