package io.ledgermind.ingest.kafka;

import io.ledgermind.schemas.raw.BlockHeader;
import io.ledgermind.schemas.raw.DepinUsageEvent;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.topics.TopicCatalogue;
import io.ledgermind.schemas.topics.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Where each raw record goes: its catalogue topic and its key (which fixes its partition and so its order). A
 * retraction goes to the topic and key of the event it withdraws, so it lands behind that event.
 *
 * <pre>{@code
 * EventRouting routing = EventRouting.catalogue();                 // production topic names
 * EventRouting routing = EventRouting.withTopicNames(n -> "it1." + n); // tests: isolated topics
 * ProducerRecord<byte[], byte[]> record = routing.route(event);
 * }</pre>
 */
public final class EventRouting {
  private final UnaryOperator<String> topicNames;
  private final AvroCodec codec = AvroCodec.standard();

  private EventRouting(UnaryOperator<String> topicNames) {
    this.topicNames = topicNames;
  }

  public static EventRouting catalogue() {
    return new EventRouting(UnaryOperator.identity());
  }

  /** Catalogue topics under other names, e.g. a prefix per test or environment. */
  public static EventRouting withTopicNames(UnaryOperator<String> topicNames) {
    return new EventRouting(topicNames);
  }

  /** The topic name this routing uses for a catalogue topic. */
  public String topic(TopicSpec spec) {
    return topicNames.apply(spec.name());
  }

  /**
   * Topic, key and encoded value of a raw event. Retractions are not routed here: a retraction goes to the topic
   * and key its event was written with, which the EVM reader remembers with the event.
   */
  public ProducerRecord<byte[], byte[]> route(SpecificRecord event) {
    return new ProducerRecord<>(topic(topicOf(event)), bytes(keyOf(event)), codec.encode(event));
  }

  /** The catalogue topic of a raw event type. */
  public static TopicSpec topicOf(SpecificRecord event) {
    if (event instanceof StablecoinEvent) {
      return TopicCatalogue.RAW_STABLECOIN;
    } else if (event instanceof DepinUsageEvent) {
      return TopicCatalogue.RAW_DEPIN;
    } else if (event instanceof SubnetSnapshot) {
      return TopicCatalogue.RAW_BITTENSOR;
    } else if (event instanceof OracleRoundEvent) {
      return TopicCatalogue.RAW_ORACLE_ROUNDS;
    } else if (event instanceof BlockHeader) {
      return TopicCatalogue.RAW_BLOCKS;
    }
    throw new IllegalArgumentException("no raw topic for " + event.getSchema().getFullName());
  }

  /** The key the catalogue names for each raw topic. */
  public static String keyOf(SpecificRecord event) {
    if (event instanceof StablecoinEvent e) {
      return e.getMeta().getChainId() + ":" + e.getContract();
    } else if (event instanceof DepinUsageEvent e) {
      return e.getNetwork() + ":" + (e.getProvider() == null ? "" : e.getProvider());
    } else if (event instanceof SubnetSnapshot e) {
      return Integer.toString(e.getNetuid());
    } else if (event instanceof OracleRoundEvent e) {
      return e.getFeedAddress();
    } else if (event instanceof BlockHeader e) {
      return e.getMeta().getChainId();
    }
    throw new IllegalArgumentException("no key rule for " + event.getSchema().getFullName());
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }
}
