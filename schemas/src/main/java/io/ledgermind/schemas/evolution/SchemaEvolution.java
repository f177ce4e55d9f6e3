package io.ledgermind.schemas.evolution;

import io.ledgermind.schemas.serde.SchemaCatalog;
import io.ledgermind.schemas.topics.Compatibility;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * The rules for changing a schema, checked by the build: every published version is kept
 * ({@code schemas/src/main/avro-history/<full name>/v<N>.avsc}); the current schema must be compatible with all of
 * them as the topics carrying the type promise ({@link TopicCatalogue#compatibilityOf}); and a changed schema must be
 * published (a new version file) before it ships, so decoders everywhere know its fingerprint.
 */
public final class SchemaEvolution {
  private final SchemaCatalog catalog;

  public SchemaEvolution(SchemaCatalog catalog) {
    this.catalog = catalog;
  }

  /** Compatibility problems of {@code candidate} against every published version; empty when it may ship. */
  public static List<String> incompatibilities(Schema candidate, List<Schema> published, Compatibility policy) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < published.size(); i++) {
      Schema old = published.get(i);
      if (policy.requiresBackward()) {
        describe(problems, "v" + (i + 1) + " records are unreadable by the new schema",
            SchemaCompatibility.checkReaderWriterCompatibility(candidate, old));
      }
      if (policy.requiresForward()) {
        describe(problems, "v" + (i + 1) + " readers cannot read new records",
            SchemaCompatibility.checkReaderWriterCompatibility(old, candidate));
      }
    }
    return problems;
  }

  /** Every rule broken by the current build: incompatible changes and unpublished changes. */
  public List<String> violations() {
    List<String> violations = new ArrayList<>();
    for (Class<? extends SpecificRecord> type : SchemaCatalog.RECORD_TYPES) {
      Schema current = SpecificData.get().getSchema(type);
      List<Schema> published = catalog.history(current.getFullName());
      Compatibility policy = TopicCatalogue.compatibilityOf(type);
      incompatibilities(current, published, policy)
          .forEach(p -> violations.add(current.getFullName() + " (" + policy + "): " + p));
      if (!isPublished(current, published)) {
        violations.add(current.getFullName() + ": changed since v" + published.size()
            + " and not yet published; run ./ledgermind schemas publish and commit the new version file");
      }
    }
    return violations;
  }

  /**
   * Writes the current schema of every changed type as its next version under {@code historyDir}. Refuses (and
   * writes nothing) when any change is incompatible.
   *
   * @return the files written
   */
  public List<Path> publish(Path historyDir) throws IOException {
    List<String> incompatible = new ArrayList<>();
    List<Schema> toPublish = new ArrayList<>();
    for (Class<? extends SpecificRecord> type : SchemaCatalog.RECORD_TYPES) {
      Schema current = SpecificData.get().getSchema(type);
      List<Schema> published = catalog.history(current.getFullName());
      incompatibilities(current, published, TopicCatalogue.compatibilityOf(type))
          .forEach(p -> incompatible.add(current.getFullName() + ": " + p));
      if (!isPublished(current, published)) {
        toPublish.add(current);
      }
    }
    if (!incompatible.isEmpty()) {
      throw new IllegalStateException("not published, incompatible changes:\n  " + String.join("\n  ", incompatible));
    }
    List<Path> written = new ArrayList<>();
    for (Schema schema : toPublish) {
      int next = catalog.history(schema.getFullName()).size() + 1;
      Path file = historyDir.resolve(schema.getFullName()).resolve("v" + next + ".avsc");
      Files.createDirectories(file.getParent());
      // Expanded form (nested named types inline): each version file parses on its own, for any Avro tool.
      Files.writeString(file, schema.toString(true) + "\n");
      written.add(file);
    }
    return written;
  }

  static boolean isPublished(Schema current, List<Schema> published) {
    return !published.isEmpty() && SchemaNormalization.toParsingForm(published.get(published.size() - 1))
        .equals(SchemaNormalization.toParsingForm(current));
  }

  private static void describe(List<String> problems, String what,
      SchemaCompatibility.SchemaPairCompatibility result) {
    if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
      result.getResult().getIncompatibilities().forEach(i -> problems.add(
          what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
    }
  }
}
