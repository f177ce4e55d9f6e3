package io.ledgermind.schemas.kafka;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * How a client reaches Kafka: the bootstrap servers and any standard Kafka client properties (security.protocol,
 * sasl.*, ssl.*, client.dns.lookup, ...), read from a properties file as {@code kafka-console-producer
 * --producer.config} reads one. One value is handed to every producer, consumer and admin client a component
 * builds, so a secured cluster (TLS, SASL/SCRAM, MSK IAM, Strimzi) needs no code change, only a file.
 *
 * <p>{@link #toString()} never shows values of secret-looking keys (passwords, JAAS configs, keys).
 */
public final class KafkaClientConfig implements java.io.Serializable {
  private static final long serialVersionUID = 1L;
  public static final String BOOTSTRAP = "bootstrap.servers";

  private final Map<String, String> properties;

  private KafkaClientConfig(Map<String, String> properties) {
    String bootstrap = properties.get(BOOTSTRAP);
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException("a Kafka client config needs " + BOOTSTRAP);
    }
    this.properties = Map.copyOf(properties);
  }

  /** A plaintext client of {@code bootstrap}, no further settings. */
  public static KafkaClientConfig of(String bootstrap) {
    return new KafkaClientConfig(Map.of(BOOTSTRAP, bootstrap));
  }

  /**
   * Reads a Kafka client properties file; {@code bootstrapOverride}, when not null, replaces its
   * {@code bootstrap.servers}.
   */
  public static KafkaClientConfig load(Path file, String bootstrapOverride) {
    Properties read = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      read.load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the Kafka client config " + file + ": " + e.getMessage());
    }
    Map<String, String> map = new LinkedHashMap<>();
    read.stringPropertyNames().forEach(k -> map.put(k, read.getProperty(k).strip()));
    if (bootstrapOverride != null && !bootstrapOverride.isBlank()) {
      map.put(BOOTSTRAP, bootstrapOverride);
    }
    if (!map.containsKey(BOOTSTRAP)) {
      throw new IllegalArgumentException("the Kafka client config " + file + " has no " + BOOTSTRAP
          + " (set it there or give --bootstrap-server)");
    }
    return new KafkaClientConfig(map);
  }

  /** Where the local stack keeps one client config per role ({@code ROLE.properties}); set in its stack.env. */
  public static final String STACK_CLIENTS_DIR = "LEDGERMIND_KAFKA_CLIENTS_DIR";

  /**
   * The client config for {@code role} from the local stack's environment (stack.env): the stack's
   * {@code ROLE.properties} when the stack runs with authentication, else a plaintext client of its bootstrap
   * servers. Null when the environment names no Kafka at all.
   *
   * @param role one of the stack's principals: admin, ingest, job, signer, transmitter, quant
   */
  public static KafkaClientConfig fromStack(Map<String, String> stackEnv, String role) {
    String dir = stackEnv.get(STACK_CLIENTS_DIR);
    if (dir != null && !dir.isBlank()) {
      Path file = Path.of(dir, role + ".properties");
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException("the local stack has no Kafka credentials for role '" + role + "' ("
            + file + " is missing; run ./ledgermind stack up)");
      }
      return load(file, stackEnv.get("LEDGERMIND_KAFKA_BOOTSTRAP"));
    }
    String bootstrap = stackEnv.get("LEDGERMIND_KAFKA_BOOTSTRAP");
    return bootstrap == null ? null : of(bootstrap);
  }

  /**
   * What a command connects with: {@code --kafka-config FILE} when given (with {@code --bootstrap-server}
   * overriding its servers), else the stack's config for {@code role}, else a plaintext client of
   * {@code --bootstrap-server}.
   *
   * @throws IllegalArgumentException when none of them names a broker
   */
  public static KafkaClientConfig resolve(Path configFile, String bootstrapOption, Map<String, String> stackEnv,
      String role) {
    if (configFile != null) {
      return load(configFile, bootstrapOption);
    }
    KafkaClientConfig stack = fromStack(stackEnv, role);
    if (stack != null) {
      return bootstrapOption == null || bootstrapOption.isBlank() ? stack : stack.withBootstrap(bootstrapOption);
    }
    if (bootstrapOption != null && !bootstrapOption.isBlank()) {
      return of(bootstrapOption);
    }
    throw new IllegalArgumentException("no Kafka given: use --kafka-config FILE or --bootstrap-server, or start the"
        + " local stack (./ledgermind stack up)");
  }

  /** This config with other bootstrap servers. */
  public KafkaClientConfig withBootstrap(String bootstrap) {
    Map<String, String> map = new LinkedHashMap<>(properties);
    map.put(BOOTSTRAP, bootstrap);
    return new KafkaClientConfig(map);
  }

  public String bootstrap() {
    return properties.get(BOOTSTRAP);
  }

  /** Every property, bootstrap included. */
  public Map<String, String> asMap() {
    return properties;
  }

  /** A fresh Properties holding every setting; callers add their client-specific ones (serializers, group id). */
  public Properties toProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    return p;
  }

  /** True when the config authenticates (SASL or TLS), e.g. to tell a user which principal they act as. */
  public boolean secured() {
    return !properties.getOrDefault("security.protocol", "PLAINTEXT").equalsIgnoreCase("PLAINTEXT");
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("KafkaClientConfig{");
    properties.forEach((k, v) -> out.append(k).append('=').append(secret(k) ? "<redacted>" : v).append(", "));
    return out.append('}').toString();
  }

  private static boolean secret(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT);
    return k.contains("password") || k.contains("jaas") || k.contains("secret") || k.endsWith(".key")
        || k.contains("token");
  }
}
