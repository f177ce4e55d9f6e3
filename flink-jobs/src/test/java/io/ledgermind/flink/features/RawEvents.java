package io.ledgermind.flink.features;

import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.time.Instant;

/** Raw records for feature tests. */
final class RawEvents {
  static final String EXCHANGE_WALLET = "0x00000000000000000000000000000000000000e1";
  static final String HOLDER = "0x00000000000000000000000000000000000000a1";
  static final String ZERO = "0x0000000000000000000000000000000000000000";
  static final String TREASURY = "0x00000000000000000000000000000000000000c1";

  private RawEvents() {}

  static EventMeta meta(String eventId, long eventTimeMillis) {
    return EventMeta.newBuilder()
        .setEventId(eventId)
        .setChainId("eip155:1")
        .setBlockNumber(eventTimeMillis / 12_000)
        .setBlockHash("0xb" + eventId)
        .setTxHash("0xt" + eventId)
        .setLogIndex(0)
        .setEventTime(Instant.ofEpochMilli(eventTimeMillis))
        .setIngestTime(Instant.ofEpochMilli(eventTimeMillis + 1_000))
        .setSource("test")
        .build();
  }

  static StablecoinEvent usdc(String eventId, long eventTimeMillis, StablecoinEventKind kind, String from, String to,
      String amount) {
    return StablecoinEvent.newBuilder()
        .setMeta(meta(eventId, eventTimeMillis))
        .setToken("USDC")
        .setContract("0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48")
        .setKind(kind)
        .setFrom(from)
        .setTo(to)
        .setAmount(amount)
        .setDecimals(6)
        .setFromClass(classOf(from))
        .setToClass(classOf(to))
        .build();
  }

  private static String classOf(String address) {
    if (HOLDER.equals(address)) {
      return "EOA";
    }
    if (EXCHANGE_WALLET.equals(address)) {
      return "EXCHANGE";
    }
    return TREASURY.equals(address) ? "TREASURY" : null;
  }

  /** The feature input of a USDC event, as {@link ExtractFeatures} would emit it. */
  static FeatureInput input(StablecoinEvent event) {
    return FeatureSpec.defaults().extract(event, "ledgermind.raw.stablecoin|eip155:1:" + event.getContract())
        .get(0).from("ledgermind.raw.stablecoin", 0, event.getMeta().getBlockNumber());
  }
}
