package io.ledgermind.ingest.source;

import io.ledgermind.ingest.kafka.EventRouting;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.serde.AvroCodec;
import io.ledgermind.schemas.topics.TopicCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What an adapter read from one or more blocks: the records in chain order, and a dead letter for every payload or
 * event it could not parse. Publishing {@link #records} in one transaction keeps "records in = events + dead letters"
 * true per block.
 *
 * <pre>{@code
 * SourceBatch<DepinUsageEvent> batch = akash.read(from, to);
 * sink.publish(batch.records(EventRouting.catalogue()));
 * }</pre>
 */
public record SourceBatch<T extends SpecificRecord>(List<T> events, List<DeadLetter> deadLetters) {
  public SourceBatch {
    events = List.copyOf(events);
    deadLetters = List.copyOf(deadLetters);
  }

  public static <T extends SpecificRecord> SourceBatch<T> empty() {
    return new SourceBatch<>(List.of(), List.of());
  }

  /** This batch followed by {@code next}. */
  public SourceBatch<T> plus(SourceBatch<T> next) {
    List<T> allEvents = new ArrayList<>(events);
    allEvents.addAll(next.events);
    List<DeadLetter> allDead = new ArrayList<>(deadLetters);
    allDead.addAll(next.deadLetters);
    return new SourceBatch<>(allEvents, allDead);
  }

  /** Events on their catalogue topics and keys, dead letters on the dead-letter topic keyed by source. */
  public List<ProducerRecord<byte[], byte[]>> records(EventRouting routing) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(events.size() + deadLetters.size());
    events.forEach(e -> out.add(routing.route(e)));
    String deadLetterTopic = routing.topic(TopicCatalogue.DEAD_LETTERS);
    for (DeadLetter dead : deadLetters) {
      out.add(new ProducerRecord<>(deadLetterTopic, dead.getSourceTopic().getBytes(StandardCharsets.UTF_8),
          AvroCodec.standard().encode(dead)));
    }
    return out;
  }
}
