package io.ledgermind.clickhouse.migrate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the migrations from the classpath: {@code <location>/index.txt} lists the script file names in order (one a
 * line; blank lines and {@code #} comments ignored), because a classpath directory cannot be listed reliably inside
 * a jar. The scripts ship in ledgermind-schemas under {@value #DEFAULT_LOCATION}.
 *
 * <pre>{@code
 * List<Migration> migrations = ClasspathMigrations.load(); // V0001 ... in index order
 * }</pre>
 */
public final class ClasspathMigrations {
  /** Classpath folder of the project's ClickHouse migrations. */
  public static final String DEFAULT_LOCATION = "clickhouse/migrations";

  private ClasspathMigrations() {}

  /** The project's migrations, from {@value #DEFAULT_LOCATION} with this class's loader. */
  public static List<Migration> load() {
    return load(ClasspathMigrations.class.getClassLoader(), DEFAULT_LOCATION);
  }

  /**
   * The migrations listed in {@code location/index.txt}.
   *
   * @throws MigrationException when the index or a listed file is missing, a name is malformed, or versions are not
   *     unique and strictly increasing
   */
  public static List<Migration> load(ClassLoader loader, String location) {
    String index = read(loader, location + "/index.txt");
    List<Migration> migrations = new ArrayList<>();
    for (String line : index.split("\n")) {
      String fileName = line.strip();
      if (fileName.isEmpty() || fileName.startsWith("#")) {
        continue;
      }
      Migration migration;
      try {
        migration = Migration.of(fileName, read(loader, location + "/" + fileName));
      } catch (IllegalArgumentException e) {
        throw new MigrationException(0, location + "/index.txt: " + e.getMessage(), e);
      }
      if (!migrations.isEmpty() && migration.version() <= migrations.get(migrations.size() - 1).version()) {
        throw new MigrationException(migration.version(), location + "/index.txt lists " + fileName
            + " after " + migrations.get(migrations.size() - 1).fileName()
            + ": versions must be unique and increasing", null);
      }
      migrations.add(migration);
    }
    return List.copyOf(migrations);
  }

  private static String read(ClassLoader loader, String resource) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MigrationException(0, "classpath resource " + resource
            + " not found (is ledgermind-schemas on the classpath?)", null);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + resource, e);
    }
  }
}
