package io.ledgermind.testing;

import io.ledgermind.schemas.kafka.KafkaClientConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Connects a test class to the stack's Kafka broker and gives it topics of its own, deleted after the class.
 *
 * <pre>{@code
 * @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();
 *
 * @Test void roundTrip() {
 *   String topic = KAFKA.createTopic("events", 2);
 *   try (var producer = new KafkaProducer<byte[], byte[]>(KAFKA.producerProperties())) { ... }
 * }
 * }</pre>
 */
public final class KafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private static final long ADMIN_TIMEOUT_S = 30;
  private final List<String> createdTopics = new ArrayList<>();
  private StackEndpoints endpoints;
  private Admin admin;
  private Class<?> testClass;
  private java.nio.file.Path configFile;

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoints = TestStack.endpoints();
    testClass = context.getRequiredTestClass();
    admin = Admin.create(endpoints.kafka().toProperties());
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (admin == null) {
      return;
    }
    try {
      if (!createdTopics.isEmpty()) {
        admin.deleteTopics(createdTopics).all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
      }
    } finally {
      createdTopics.clear();
      admin.close();
    }
  }

  public String bootstrapServers() {
    return endpoints.kafkaBootstrap();
  }

  /** Bootstrap servers and credentials (the stack's admin: tests own their topics, users and ACLs). */
  public KafkaClientConfig clientConfig() {
    return endpoints.kafka();
  }

  /**
   * The stack's client config of one role principal (ingest, job, signer, transmitter, quant), for tests of what that
   * role may and may not do; empty when the stack does not authenticate.
   */
  public java.util.Optional<KafkaClientConfig> roleConfig(String role) {
    if (!clientConfig().secured()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(KafkaClientConfig.fromStack(StackConfig.parse(StackConfig.envFile()), role));
  }

  /**
   * {@link #clientConfig()} as a Kafka client properties file (owner-readable only), for commands under test that
   * take {@code --kafka-config FILE}. Written once per test class, deleted when the JVM exits.
   */
  public synchronized java.nio.file.Path clientConfigFile() {
    if (configFile == null) {
      try {
        configFile = java.nio.file.Files.createTempFile("ledgermind-test-kafka-", ".properties",
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        configFile.toFile().deleteOnExit();
        try (java.io.Writer out = java.nio.file.Files.newBufferedWriter(configFile, StandardCharsets.UTF_8)) {
          clientConfig().toProperties().store(out, "Kafka client config of a test class");
        }
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot write the test's Kafka client config", e);
      }
    }
    return configFile;
  }

  public Admin admin() {
    return admin;
  }

  /** Creates a topic unique to this test class and run; returns its name. Deleted after the class. */
  public String createTopic(String prefix, int partitions) {
    return createTopicNamed(UniqueNames.forClass(prefix, testClass), partitions);
  }

  /** A prefix unique to this test class and run, for code that derives several topic names from one. */
  public String uniquePrefix() {
    return UniqueNames.forClass("it", testClass) + ".";
  }

  /** Creates a topic with exactly this name (make it unique, e.g. with {@link #uniquePrefix()}). Deleted after the class. */
  public String createTopicNamed(String name, int partitions) {
    try {
      admin
          .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
          .all()
          .get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topic " + name + " on " + bootstrapServers(), e);
    }
    createdTopics.add(name);
    return name;
  }

  /** Byte-array producer settings for this broker; callers add transactional or idempotence settings. */
  public Properties producerProperties() {
    Properties props = clientConfig().toProperties();
    props.putAll(
        Map.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
            ProducerConfig.ACKS_CONFIG, "all"));
    return props;
  }

  /**
   * Reads {@code topic} from the beginning until at least {@code expected} records arrived and two more polls
   * brought nothing (so extra, unexpected records are seen too), or until {@code timeout}.
   *
   * @param isolationLevel {@code read_committed} or {@code read_uncommitted}
   */
  public List<ConsumerRecord<byte[], byte[]>> readAll(
      String topic, String isolationLevel, int expected, Duration timeout) {
    Properties props = consumerProperties("read-" + isolationLevel);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      int emptyPolls = 0;
      while (System.nanoTime() < deadline && (records.size() < expected || emptyPolls < 2)) {
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(300));
        emptyPolls = batch.isEmpty() ? emptyPolls + 1 : 0;
        batch.forEach(records::add);
      }
    }
    return records;
  }

  /** Values of {@link #readAll} as UTF-8 strings, in the order read. */
  public List<String> readAllValues(String topic, String isolationLevel, int expected, Duration timeout) {
    return readAll(topic, isolationLevel, expected, timeout).stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }

  /** Byte-array consumer settings reading from the earliest offset with a group unique to this class. */
  public Properties consumerProperties(String groupPrefix) {
    Properties props = clientConfig().toProperties();
    props.putAll(
        Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, UniqueNames.forClass(groupPrefix, testClass),
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"));
    return props;
  }
}
