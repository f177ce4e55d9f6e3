package io.ledgermind.cli.topics;

import io.ledgermind.schemas.kafka.KafkaClientConfig;
import io.ledgermind.schemas.stack.StackEnvFile;
import io.ledgermind.schemas.topics.RoleAcls;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.serde.DecodeException;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ledgermind topics}: the catalogue, creating/updating topics, and reading them as JSON lines. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Kafka topics of Ledgermind: list the catalogue, create/update topics, tail a topic as JSON.",
    subcommands = {TopicsCommand.ListTopics.class, TopicsCommand.CreateTopics.class, TopicsCommand.Tail.class})
public final class TopicsCommand {

  /** Shared connection option. */
  static class Connection {
    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT",
        description = "Kafka bootstrap servers (default: LEDGERMIND_KAFKA_BOOTSTRAP from the local stack's env file).")
    String bootstrap;

    @Option(names = "--kafka-config", paramLabel = "FILE",
        description = "Kafka client properties (security.protocol, sasl.*, ssl.*, bootstrap.servers) (default: the"
            + " local stack's credentials: admin for create, the read-only quant principal for tail).")
    java.nio.file.Path kafkaConfig;

    KafkaClientConfig kafka(String role) throws Exception {
      // Same precedence as every other command: --kafka-config, else the stack's role credentials (with
      // --bootstrap-server overriding the servers), else plaintext --bootstrap-server.
      return KafkaClientConfig.resolve(kafkaConfig, bootstrap,
          StackEnvFile.read(StackEnvFile.defaultPath()),
          role);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "Print the topic catalogue.")
  static final class ListTopics implements Callable<Integer> {
    @Option(names = "--markdown", description = "As the Markdown table of schemas/README.md.")
    boolean markdown;

    @Override
    public Integer call() {
      if (markdown) {
        System.out.print(TopicCatalogue.markdown());
        return 0;
      }
      for (TopicSpec t : TopicCatalogue.ALL) {
        System.out.printf("%-32s key=%-18s partitions=%-2d %-8s %-10s %s%n", t.name(), t.key(), t.partitions(),
            t.cleanup().config(), t.cleanup() == TopicSpec.Cleanup.COMPACT ? "" : t.retention().toDays() + "d",
            t.valueTypes().stream().map(Class::getSimpleName).collect(Collectors.joining(",")));
      }
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create missing topics and align retention, cleanup policy and partitions of existing ones"
          + " with the catalogue, and grant each role (ingest, job, signer, transmitter, quant) its ACLs on them"
          + " when the cluster authorizes. Safe to run any number of times.")
  static final class CreateTopics implements Callable<Integer> {
    @picocli.CommandLine.Mixin Connection connection = new Connection();

    @Option(names = "--replication-factor", defaultValue = "1",
        description = "Replication factor of new topics (default: ${DEFAULT-VALUE}, the local single broker).")
    short replicationFactor;

    @Option(names = "--prefix", defaultValue = "",
        description = "Prefix for every topic name, e.g. for a second environment on the same cluster.")
    String prefix;

    @Override
    public Integer call() throws Exception {
      List<TopicSpec> specs = TopicCatalogue.ALL.stream().map(t -> t.withName(prefix + t.name())).toList();
      try (Admin admin = Admin.create(connection.kafka("admin").toProperties())) {
        List<TopicAdmin.Change> changes = new TopicAdmin(admin, replicationFactor).ensure(specs);
        changes.forEach(System.out::println);
        System.out.println(changes.isEmpty()
            ? "All " + specs.size() + " topics match the catalogue."
            : changes.size() + " change(s); " + specs.size() + " topics in the catalogue.");
        int acls = RoleAcls.ensure(admin, prefix);
        System.out.println(acls == 0 ? "The cluster has no authorizer: no role ACLs to grant."
            : acls + " role ACLs in place (" + String.join(", ", RoleAcls.ROLES) + "; writers: "
                + RoleAcls.writers() + ").");
      }
      return 0;
    }
  }

  @Command(name = "tail", mixinStandardHelpOptions = true,
      description = "Print a topic's records as JSON lines (decoded with the schema named by each record's"
          + " fingerprint; undecodable records are printed with the reason, never skipped).")
  static final class Tail implements Callable<Integer> {
    @picocli.CommandLine.Mixin Connection connection = new Connection();

    @Parameters(paramLabel = "TOPIC", description = "Topic to read.")
    String topic;

    @Option(names = "--from-beginning", description = "Start at the oldest record instead of the end.")
    boolean fromBeginning;

    @Option(names = "--max-records", paramLabel = "N", description = "Stop after N records.")
    Long maxRecords;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS",
        description = "Stop when no record arrived for this long (default: follow until interrupted).")
    Integer idleTimeout;

    PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
      java.util.Properties props = connection.kafka("quant").toProperties();
      props.putAll(Map.of(
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
          ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
          ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
      long printed = 0;
      long idleSince = System.nanoTime();
      try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
        // No consumer group: tail assigns every partition itself and commits nothing.
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        if (partitions.isEmpty()) {
          System.err.println("topic " + topic + " does not exist (create topics with: ledgermind topics create)");
          return 2;
        }
        consumer.assign(partitions);
        if (fromBeginning) {
          consumer.seekToBeginning(partitions);
        } else {
          consumer.seekToEnd(partitions);
        }
        while (maxRecords == null || printed < maxRecords) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
          for (ConsumerRecord<byte[], byte[]> record : records) {
            out.println(RecordJson.MAPPER.writeValueAsString(line(record)));
            if (maxRecords != null && ++printed >= maxRecords) {
              break;
            }
          }
          if (!records.isEmpty()) {
            idleSince = System.nanoTime();
          } else if (idleTimeout != null && System.nanoTime() - idleSince > Duration.ofSeconds(idleTimeout).toNanos()) {
            break;
          }
        }
      }
      out.flush();
      return 0;
    }

    static ObjectNode line(ConsumerRecord<byte[], byte[]> record) {
      ObjectNode line = RecordJson.MAPPER.createObjectNode();
      line.put("topic", record.topic()).put("partition", record.partition()).put("offset", record.offset())
          .put("timestamp", java.time.Instant.ofEpochMilli(record.timestamp()).toString())
          .put("key", record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8));
      try {
        SpecificRecord value = AvroCodec.standard().decode(record.value());
        line.put("type", value.getSchema().getFullName());
        line.set("value", RecordJson.toJson(value));
      } catch (DecodeException e) {
        line.putObject("error").put("reason", e.reason().name()).put("message", e.getMessage())
            .put("bytes", record.value() == null ? 0 : record.value().length);
      }
      return line;
    }
  }
}
