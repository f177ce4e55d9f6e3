package io.ledgermind.schemas.serde;

import io.ledgermind.schemas.derived.FeatureWindow;
import io.ledgermind.schemas.derived.Forecast;
import io.ledgermind.schemas.derived.PolicyAction;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.ops.ReaderCheckpoint;
import io.ledgermind.schemas.oracle.OracleRequest;
import io.ledgermind.schemas.oracle.OracleSignature;
import io.ledgermind.schemas.oracle.PublicationOutcome;
import io.ledgermind.schemas.oracle.SignedReport;
import io.ledgermind.schemas.raw.BlockHeader;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.Retraction;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import io.ledgermind.schemas.smoke.SmokeEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every top-level record type Ledgermind writes to Kafka, with its current schema and every published version
 * ({@code avro-history/<full name>/v<N>.avsc} on the class path). A decoder finds the writer schema of any record by
 * the fingerprint in its single-object header, so records written by an older (or newer, once published) producer
 * still decode.
 */
public final class SchemaCatalog {
  /** The record types that cross a process boundary. Adding one here is what makes it decodable. */
  public static final List<Class<? extends SpecificRecord>> RECORD_TYPES = List.of(
      StablecoinEvent.class, DepinUsageEvent.class, SubnetSnapshot.class, OracleRoundEvent.class,
      BlockHeader.class, Retraction.class, ReaderCheckpoint.class, DeadLetter.class, FeatureWindow.class,
      Forecast.class, PolicyAction.class, OracleRequest.class, OracleSignature.class, SignedReport.class,
      PublicationOutcome.class, SmokeEvent.class);

  static final String HISTORY_ROOT = "avro-history/";
  private static volatile SchemaCatalog standard;

  private final Map<String, Schema> current = new LinkedHashMap<>();
  private final Map<String, List<Schema>> history = new HashMap<>();
  private final Map<Long, Schema> byFingerprint = new HashMap<>();

  private SchemaCatalog() {
    for (Class<? extends SpecificRecord> type : RECORD_TYPES) {
      Schema schema = SpecificData.get().getSchema(type);
      current.put(schema.getFullName(), schema);
      byFingerprint.put(fingerprint(schema), schema);
      List<Schema> versions = loadHistory(schema.getFullName());
      history.put(schema.getFullName(), versions);
      versions.forEach(v -> byFingerprint.putIfAbsent(fingerprint(v), v));
    }
  }

  /** The catalogue of this build, loaded once. */
  public static SchemaCatalog standard() {
    SchemaCatalog catalog = standard;
    if (catalog == null) {
      synchronized (SchemaCatalog.class) {
        if (standard == null) {
          standard = new SchemaCatalog();
        }
        catalog = standard;
      }
    }
    return catalog;
  }

  /** CRC-64-AVRO of the schema's parsing canonical form: what the single-object header carries. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  /** The writer schema with this fingerprint, current or historical. */
  public Optional<Schema> writerSchema(long fingerprint) {
    return Optional.ofNullable(byFingerprint.get(fingerprint));
  }

  /** The schema this build reads and writes for a record full name. */
  public Optional<Schema> current(String fullName) {
    return Optional.ofNullable(current.get(fullName));
  }

  public Map<String, Schema> currentSchemas() {
    return Collections.unmodifiableMap(current);
  }

  /** Published versions, v1 first; empty for a type never published. */
  public List<Schema> history(String fullName) {
    return history.getOrDefault(fullName, List.of());
  }

  private static List<Schema> loadHistory(String fullName) {
    List<Schema> versions = new ArrayList<>();
    for (int v = 1; ; v++) {
      String resource = HISTORY_ROOT + fullName + "/v" + v + ".avsc";
      try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          return versions;
        }
        versions.add(new Schema.Parser().parse(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read published schema " + resource, e);
      }
    }
  }
}
