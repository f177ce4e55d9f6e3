package io.ledgermind.cli;

import io.ledgermind.schemas.evolution.SchemaEvolution;
import io.ledgermind.schemas.serde.SchemaCatalog;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ledgermind schemas}: the record types, their fingerprints and published versions; publishing changes. */
@Command(
    name = "schemas",
    mixinStandardHelpOptions = true,
    description = "Avro record types: list them with fingerprints, check evolution rules, publish changed versions.",
    subcommands = {SchemasCommand.ListSchemas.class, SchemasCommand.Check.class, SchemasCommand.Publish.class})
final class SchemasCommand {

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Each record type with its current fingerprint, published versions and compatibility policy.")
  static final class ListSchemas implements Callable<Integer> {
    @Override
    public Integer call() {
      SchemaCatalog catalog = SchemaCatalog.standard();
      for (Class<? extends SpecificRecord> type : SchemaCatalog.RECORD_TYPES) {
        Schema schema = SpecificData.get().getSchema(type);
        System.out.printf("%-48s %016x  v%-3d %s%n", schema.getFullName(), SchemaCatalog.fingerprint(schema),
            catalog.history(schema.getFullName()).size(), TopicCatalogue.compatibilityOf(type));
      }
      return 0;
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = "Fail (exit 1) when a schema is incompatible with a published version or changed unpublished.")
  static final class Check implements Callable<Integer> {
    @Override
    public Integer call() {
      List<String> violations = new SchemaEvolution(SchemaCatalog.standard()).violations();
      violations.forEach(v -> System.out.println("VIOLATION " + v));
      System.out.println(violations.isEmpty() ? "All schemas published and compatible." : violations.size() + " violation(s)");
      return violations.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "publish", mixinStandardHelpOptions = true,
      description = "Write the current version of every changed schema as its next published version (refuses"
          + " incompatible changes). Commit the files it writes.")
  static final class Publish implements Callable<Integer> {
    @Option(names = "--history-dir", description = "Default: schemas/src/main/avro-history of this checkout.")
    Path historyDir;

    @Override
    public Integer call() throws Exception {
      Path dir = historyDir != null ? historyDir : Ledgermind.home().resolve("schemas/src/main/avro-history");
      List<Path> written = new SchemaEvolution(SchemaCatalog.standard()).publish(dir);
      written.forEach(p -> System.out.println("published " + p));
      System.out.println(written.isEmpty() ? "Nothing to publish: every schema matches its latest version."
          : "Rebuild (the launcher does it) so decoders ship the new versions.");
      return 0;
    }
  }
}
