package io.ledgermind.testing.guard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Proves that a test run left the user's own data alone: the topics of the default prefix ({@code ledgermind.}, the
 * catalogue's names) and the default ClickHouse database ({@code ledgermind}). {@code deploy/test.sh} records a
 * {@link Snapshot} before {@code mvn verify} and fails when the one taken afterwards differs, naming what changed.
 *
 * <p>Recorded: every topic under the prefix with its topic id (a topic deleted and created again differs), the end
 * offset of every partition and its topic-level config overrides; whether the database exists, its tables with their
 * engines and columns, and per table the rows of its active parts and its last insert block (MergeTree block numbers
 * only grow, by inserts). Absent topics or an
 * absent database are recorded as absent and must still be absent afterwards (a fresh machine compares too).
 * Background merges of Replacing/Summing/Aggregating/Collapsing tables may shrink their row counts; a shrink without
 * a new insert block is therefore not counted as a write. Anything else writing to the default stack while the tests
 * run (a job of your own) shows up as a change too: run the tests on a quiet stack.
 *
 * <p>Self-contained (kafka-clients and the JDK only) so {@code deploy/test.sh} can run it as a source file before
 * anything is built:
 *
 * <pre>{@code
 * java -cp "$LEDGERMIND_KAFKA_LIB/*" DefaultStackGuard.java record|check FILE
 * }</pre>
 *
 * <p>with {@code LEDGERMIND_KAFKA_BOOTSTRAP}, {@code LEDGERMIND_CLICKHOUSE_URL} (and optionally
 * {@code LEDGERMIND_CLICKHOUSE_USER}/{@code _PASSWORD}) in the environment, as {@code .stack/stack.env} sets them.
 */
public final class DefaultStackGuard {
  public static final String DEFAULT_TOPIC_PREFIX = "ledgermind.";
  public static final String DEFAULT_DATABASE = "ledgermind";
  private static final String HEADER = "# ledgermind default-stack snapshot v1";
  private static final long TIMEOUT_S = 30;
  /** Separates list items inside one field of the snapshot file (config values and column types contain commas). */
  private static final String ITEM = "\u001f";

  private DefaultStackGuard() {}

  /** Where a snapshot was taken: the topic prefix and database it covers. */
  public record Scope(String topicPrefix, String database) {
    public static final Scope DEFAULTS = new Scope(DEFAULT_TOPIC_PREFIX, DEFAULT_DATABASE);

    @Override
    public String toString() {
      return "topics " + topicPrefix + "* and database " + database;
    }
  }

  /** One topic: its id, the end offset of each partition and its topic-level config overrides. */
  public record TopicState(String topicId, SortedMap<Integer, Long> endOffsets, SortedMap<String, String> configs) {}

  /**
   * One table: engine, rows of its active parts ({@code -1}: not counted, e.g. a view), last insert block
   * ({@code -1}: not a MergeTree table) and columns ({@code name Type}, sorted by name).
   */
  public record TableState(String engine, long rows, long lastBlock, List<String> columns) {
    /** Engines whose background merges may remove rows (deduplicate, sum, collapse) without any write. */
    boolean mergesMayShrinkRows() {
      return engine.matches("(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing|Graphite)MergeTree");
    }
  }

  /**
   * The state of one scope. {@code tables} is empty when the database does not exist (a database without tables is
   * present with an empty map).
   */
  public record Snapshot(Scope scope, SortedMap<String, TopicState> topics,
      Optional<SortedMap<String, TableState>> tables) {

    /** Line-based text form, read back by {@link #parse}. */
    public String serialize() {
      StringBuilder out = new StringBuilder(HEADER).append('\n');
      out.append("scope\t").append(scope.topicPrefix()).append('\t').append(scope.database()).append('\n');
      topics.forEach((name, topic) -> out.append("topic\t").append(name).append('\t').append(topic.topicId())
          .append('\t').append(topic.endOffsets().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(","))).append('\t').append(topic.configs().entrySet().stream()
              .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(ITEM))).append('\n'));
      out.append("database\t").append(tables.isPresent() ? "present" : "absent").append('\n');
      tables.orElse(Collections.emptySortedMap()).forEach((name, table) -> out.append("table\t").append(name)
          .append('\t').append(table.engine()).append('\t').append(table.rows()).append('\t')
          .append(table.lastBlock()).append('\t').append(String.join(ITEM, table.columns())).append('\n'));
      return out.toString();
    }

    public static Snapshot parse(String text) {
      Scope scope = null;
      SortedMap<String, TopicState> topics = new TreeMap<>();
      SortedMap<String, TableState> tables = new TreeMap<>();
      boolean databasePresent = false;
      for (String line : text.lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t", -1);
        switch (f[0]) {
          case "scope" -> scope = new Scope(f[1], f[2]);
          case "topic" -> {
            SortedMap<Integer, Long> offsets = new TreeMap<>();
            for (String p : f[3].isEmpty() ? new String[0] : f[3].split(",")) {
              String[] kv = p.split("=");
              offsets.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
            }
            SortedMap<String, String> configs = new TreeMap<>();
            for (String c : items(f[4])) {
              int eq = c.indexOf('=');
              configs.put(c.substring(0, eq), c.substring(eq + 1));
            }
            topics.put(f[1], new TopicState(f[2], offsets, configs));
          }
          case "database" -> databasePresent = f[1].equals("present");
          case "table" -> tables.put(f[1], new TableState(f[2], Long.parseLong(f[3]), Long.parseLong(f[4]),
              items(f[5])));
          default -> throw new IllegalArgumentException("not a snapshot line: " + line);
        }
      }
      if (scope == null) {
        throw new IllegalArgumentException("not a default-stack snapshot (no scope line)");
      }
      return new Snapshot(scope, topics, databasePresent ? Optional.of(tables) : Optional.empty());
    }

    private static List<String> items(String field) {
      return field.isEmpty() ? List.of() : List.of(field.split(ITEM, -1));
    }

    /** E.g. {@code 15 topics (87 partitions), database ledgermind with 31 tables}. */
    public String summary() {
      int partitions = topics.values().stream().mapToInt(t -> t.endOffsets().size()).sum();
      return topics.size() + " topics under " + scope.topicPrefix() + " (" + partitions + " partitions), "
          + tables.map(t -> "database " + scope.database() + " with " + t.size() + " tables")
              .orElse("no database " + scope.database());
    }
  }

  /** What differs between two snapshots of the same scope, one line per change; empty when nothing changed. */
  public static List<String> changes(Snapshot before, Snapshot after) {
    if (!before.scope().equals(after.scope())) {
      throw new IllegalArgumentException("snapshots of different scopes: " + before.scope() + " / " + after.scope());
    }
    List<String> changes = new ArrayList<>();
    for (String name : union(before.topics().keySet(), after.topics().keySet())) {
      TopicState was = before.topics().get(name);
      TopicState is = after.topics().get(name);
      if (was == null) {
        changes.add("topic " + name + ": created (end offsets " + is.endOffsets() + ")");
      } else if (is == null) {
        changes.add("topic " + name + ": deleted (end offsets were " + was.endOffsets() + ")");
      } else if (!was.topicId().equals(is.topicId())) {
        changes.add("topic " + name + ": deleted and created again (topic id " + was.topicId() + " -> "
            + is.topicId() + ", end offsets " + was.endOffsets() + " -> " + is.endOffsets() + ")");
      } else {
        for (String key : union(was.configs().keySet(), is.configs().keySet())) {
          String from = was.configs().getOrDefault(key, "(default)");
          String to = is.configs().getOrDefault(key, "(default)");
          if (!from.equals(to)) {
            changes.add("topic " + name + ": config " + key + " " + from + " -> " + to);
          }
        }
        for (Integer p : union(was.endOffsets().keySet(), is.endOffsets().keySet())) {
          Long from = was.endOffsets().get(p);
          Long to = is.endOffsets().get(p);
          if (from == null) {
            changes.add("topic " + name + " partition " + p + ": added (end offset " + to + ")");
          } else if (to == null) {
            changes.add("topic " + name + " partition " + p + ": gone (end offset was " + from + ")");
          } else if (!from.equals(to)) {
            changes.add("topic " + name + " partition " + p + ": end offset " + from + " -> " + to);
          }
        }
      }
    }
    String db = before.scope().database();
    if (before.tables().isEmpty() && after.tables().isPresent()) {
      changes.add("database " + db + ": created (tables " + after.tables().get().keySet() + ")");
    } else if (before.tables().isPresent() && after.tables().isEmpty()) {
      changes.add("database " + db + ": dropped (tables were " + before.tables().get().keySet() + ")");
    } else if (before.tables().isPresent()) {
      tableChanges(db, before.tables().get(), after.tables().get(), changes);
    }
    return changes;
  }

  private static void tableChanges(String db, SortedMap<String, TableState> before, SortedMap<String, TableState> after,
      List<String> changes) {
    for (String name : union(before.keySet(), after.keySet())) {
      TableState was = before.get(name);
      TableState is = after.get(name);
      String table = "table " + db + "." + name;
      if (was == null) {
        changes.add(table + ": created (" + is.engine() + ", " + is.rows() + " rows)");
      } else if (is == null) {
        changes.add(table + ": dropped (" + was.engine() + ", " + was.rows() + " rows)");
      } else if (!was.engine().equals(is.engine())) {
        changes.add(table + ": engine " + was.engine() + " -> " + is.engine());
      } else {
        if (!was.columns().equals(is.columns())) {
          List<String> added = new ArrayList<>(is.columns());
          added.removeAll(was.columns());
          List<String> removed = new ArrayList<>(was.columns());
          removed.removeAll(is.columns());
          changes.add(table + ": columns changed (added " + added + ", removed " + removed + ")");
        }
        boolean inserted = was.lastBlock() != is.lastBlock();
        if (inserted) {
          changes.add(table + ": written (last insert block " + was.lastBlock() + " -> " + is.lastBlock() + ", rows "
              + was.rows() + " -> " + is.rows() + ")");
        } else if (was.rows() != is.rows() && !(is.rows() < was.rows() && was.mergesMayShrinkRows())) {
          changes.add(table + ": rows " + was.rows() + " -> " + is.rows());
        }
      }
    }
  }

  private static <T extends Comparable<T>> Set<T> union(Set<T> a, Set<T> b) {
    Set<T> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** Takes a snapshot of {@code scope} on a running stack. */
  public static Snapshot take(Admin admin, ClickHouse clickHouse, Scope scope)
      throws ExecutionException, InterruptedException, TimeoutException, IOException {
    return new Snapshot(scope, topics(admin, scope.topicPrefix()), tables(clickHouse, scope.database()));
  }

  private static SortedMap<String, TopicState> topics(Admin admin, String prefix)
      throws ExecutionException, InterruptedException, TimeoutException {
    Set<String> names = admin.listTopics().names().get(TIMEOUT_S, TimeUnit.SECONDS).stream()
        .filter(n -> n.startsWith(prefix)).collect(Collectors.toCollection(TreeSet::new));
    SortedMap<String, TopicState> topics = new TreeMap<>();
    if (names.isEmpty()) {
      return topics;
    }
    Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
        .get(TIMEOUT_S, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described.values().forEach(d -> d.partitions()
        .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
        .get(TIMEOUT_S, TimeUnit.SECONDS);
    Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(TIMEOUT_S, TimeUnit.SECONDS);
    for (TopicDescription d : described.values()) {
      SortedMap<Integer, Long> offsets = new TreeMap<>();
      d.partitions().forEach(p -> offsets.put(p.partition(), ends.get(new TopicPartition(d.name(), p.partition()))
          .offset()));
      SortedMap<String, String> overrides = new TreeMap<>();
      configs.get(new ConfigResource(ConfigResource.Type.TOPIC, d.name())).entries().stream()
          .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
          .forEach(e -> overrides.put(e.name(), String.valueOf(e.value())));
      topics.put(d.name(), new TopicState(d.topicId().toString(), offsets, overrides));
    }
    return topics;
  }

  private static Optional<SortedMap<String, TableState>> tables(ClickHouse clickHouse, String database)
      throws IOException, InterruptedException {
    String db = quote(database);
    if (clickHouse.query("SELECT count() FROM system.databases WHERE name = " + db).equals("0")) {
      return Optional.empty();
    }
    Map<String, long[]> parts = new HashMap<>();
    for (String line : clickHouse.query("SELECT table, sum(rows), max(max_block_number) FROM system.parts"
        + " WHERE database = " + db + " AND active GROUP BY table").lines().toList()) {
      String[] f = line.split("\t");
      parts.put(f[0], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
    }
    // Sorted: 18.16's system.columns has no position column, so only the set of columns is compared.
    Map<String, List<String>> columns = new HashMap<>();
    for (String line : clickHouse.query("SELECT table, name, type FROM system.columns WHERE database = " + db
        + " ORDER BY table, name").lines().toList()) {
      String[] f = line.split("\t");
      columns.computeIfAbsent(f[0], t -> new ArrayList<>()).add(f[1] + " " + f[2]);
    }
    SortedMap<String, TableState> tables = new TreeMap<>();
    for (String line : clickHouse.query("SELECT name, engine FROM system.tables WHERE database = " + db)
        .lines().toList()) {
      String[] f = line.split("\t");
      String name = f[0];
      String engine = f[1];
      List<String> cols = columns.getOrDefault(name, List.of());
      if (engine.endsWith("MergeTree")) {
        long[] p = parts.getOrDefault(name, new long[] {0, 0});
        tables.put(name, new TableState(engine, p[0], p[1], cols));
      } else if (Set.of("Memory", "Log", "TinyLog", "StripeLog").contains(engine)) {
        long rows = Long.parseLong(clickHouse.query("SELECT count() FROM " + database + ".`" + name + "`"));
        tables.put(name, new TableState(engine, rows, -1, cols));
      } else {
        tables.put(name, new TableState(engine, -1, -1, cols)); // views: no data of their own
      }
    }
    return Optional.of(tables);
  }

  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Queries over ClickHouse's HTTP interface (plain, uncompressed: works on 18.16 and modern servers). */
  public record ClickHouse(String url, String user, String password) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Runs a query; returns its TabSeparated result without the trailing newline. */
    public String query(String sql) throws IOException, InterruptedException {
      String credentials = "default".equals(user) && password.isEmpty() ? ""
          : "?user=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
              + URLEncoder.encode(password, StandardCharsets.UTF_8);
      HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/" + credentials))
          .timeout(Duration.ofSeconds(TIMEOUT_S))
          .POST(HttpRequest.BodyPublishers.ofString(sql + " FORMAT TabSeparated", StandardCharsets.UTF_8)).build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      if (response.statusCode() != 200) {
        throw new IOException("ClickHouse " + url + " answered " + response.statusCode() + " to [" + sql + "]: "
            + response.body().strip());
      }
      return response.body().stripTrailing();
    }
  }

  /** {@code record FILE} before the tests, {@code check FILE} after them (exit 1 when anything changed). */
  public static void main(String[] args) throws Exception {
    if (args.length != 2 || !Set.of("record", "check").contains(args[0])) {
      System.err.println("usage: DefaultStackGuard record|check FILE  (endpoints from LEDGERMIND_KAFKA_BOOTSTRAP,"
          + " LEDGERMIND_CLICKHOUSE_URL[, _USER, _PASSWORD])");
      System.exit(2);
    }
    String bootstrap = required("LEDGERMIND_KAFKA_BOOTSTRAP");
    ClickHouse clickHouse = new ClickHouse(required("LEDGERMIND_CLICKHOUSE_URL"),
        env("LEDGERMIND_CLICKHOUSE_USER", "default"), env("LEDGERMIND_CLICKHOUSE_PASSWORD", ""));
    Path file = Path.of(args[1]);
    Snapshot now;
    try (Admin admin = Admin.create(adminProperties(bootstrap))) {
      now = take(admin, clickHouse, Scope.DEFAULTS);
    }
    if (args[0].equals("record")) {
      Files.writeString(file, now.serialize());
      System.out.println("test guard: recorded the default stack (" + now.summary() + ") of " + bootstrap + " and "
          + clickHouse.url());
      return;
    }
    Snapshot before = Snapshot.parse(Files.readString(file));
    List<String> changes = changes(before, now);
    if (changes.isEmpty()) {
      System.out.println("test guard: the default stack is unchanged (" + now.summary() + ")");
      return;
    }
    System.err.println("test guard: the test run changed the default stack (" + Scope.DEFAULTS + " on " + bootstrap
        + " and " + clickHouse.url() + "), which belongs to the user:");
    changes.forEach(c -> System.err.println("  - " + c));
    System.err.println("Every test must use a topic prefix and a database of its own (KafkaExtension.uniquePrefix(),"
        + " ClickHouseExtension.database()); nothing else may write to the default stack while the tests run.");
    System.exit(1);
  }

  private static String required(String name) {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      System.err.println("test guard: " + name + " is not set (source the stack's stack.env)");
      System.exit(2);
    }
    return value;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null ? fallback : value;
  }

  /**
   * Admin settings: the stack's admin credentials when it authenticates (LEDGERMIND_KAFKA_CLIENTS_DIR). This file also
   * runs as a single-file program with only the Kafka jars on the class path, so it reads them itself.
   */
  static java.util.Properties adminProperties(String bootstrap) throws java.io.IOException {
    java.util.Properties props = new java.util.Properties();
    String dir = System.getenv("LEDGERMIND_KAFKA_CLIENTS_DIR");
    if (dir != null && !dir.isBlank()) {
      try (java.io.Reader in = java.nio.file.Files.newBufferedReader(java.nio.file.Path.of(dir, "admin.properties"))) {
        props.load(in);
      }
    }
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return props;
  }
}
