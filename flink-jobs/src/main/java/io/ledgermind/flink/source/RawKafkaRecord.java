package io.ledgermind.flink.source;

/**
 * A Kafka record before decoding, with its coordinates. Decoding happens in an operator, not in the source, so that a
 * record that cannot be decoded becomes a dead letter naming topic/partition/offset instead of failing the job.
 *
 * <p>A Flink POJO (public fields, no-arg constructor) so it is serialized without Kryo.
 */
public class RawKafkaRecord {
  public String topic;
  public int partition;
  public long offset;
  public long timestamp;
  public byte[] key;
  public byte[] value;

  public RawKafkaRecord() {}

  public RawKafkaRecord(String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.timestamp = timestamp;
    this.key = key;
    this.value = value;
  }

  /** {@code topic/partition@offset}, the identifier error messages and dead letters carry. */
  public String coordinates() {
    return topic + "/" + partition + "@" + offset;
  }
}
