package io.ledgermind.ingest.bittensor;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.MalformedPayloadException.Problem;
import io.ledgermind.ingest.source.SourceBatch;
import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.ops.DeadLetter;
import io.ledgermind.schemas.raw.SubnetSnapshot;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds {@link SubnetSnapshot}s from a {@code state_queryStorageAt} reply: a list of change sets
 * {@code [{"block": "0x…", "changes": [["0xkey", "0xvalue" | null], …]}]}, one entry per requested key, null for a
 * key with no stored value (the item's default applies: 0, or 1 TAO for BlockEmission, or the default tempo).
 *
 * <p>What each snapshot field is on chain: reserves {@code SubnetTAO} / {@code SubnetAlphaIn}, outstanding alpha
 * {@code SubnetAlphaOut}, price {@code tao / alpha} (equal-weight pool price, docs/domain.md), moving price
 * {@code SubnetMovingPrice}, TAO emission {@code SubnetTaoInEmission + SubnetExcessTao} (injected plus chain buy, the
 * subnet's whole block emission), alpha emission {@code SubnetAlphaInEmission + SubnetAlphaOutEmission}, share
 * taoEmission / {@code BlockEmission}, MinerBurned, and net flow {@code SubnetTaoFlow}: the net TAO staked in the
 * current block as the chain accumulates it before its EMA update, so taoStaked/taoUnstaked are its positive and
 * negative parts, not gross flows (gross flows need the event stream, which this adapter does not decode).
 */
final class SubtensorSnapshotParser {
  static final String SOURCE = "adapter:subtensor:json-rpc";
  static final String PROCESSOR = "ingest:subtensor-adapter";
  private static final BigInteger DEFAULT_BLOCK_EMISSION = BigInteger.valueOf(1_000_000_000L);

  private final String chainId;
  private final String emissionRule;
  private final int defaultTempo;
  private final Clock clock;

  SubtensorSnapshotParser(String chainId, String emissionRule, int defaultTempo, Clock clock) {
    this.chainId = chainId;
    this.emissionRule = emissionRule;
    this.defaultTempo = defaultTempo;
    this.clock = clock;
  }

  /** The storage keys to request for {@code netuids}, globals first. */
  static List<String> keys(List<Integer> netuids) {
    List<String> keys = new ArrayList<>();
    for (SubtensorStorage item : SubtensorStorage.values()) {
      if (!item.perSubnet()) {
        keys.add(item.key());
      }
    }
    for (int netuid : netuids) {
      for (SubtensorStorage item : SubtensorStorage.values()) {
        if (item.perSubnet()) {
          keys.add(item.key(netuid));
        }
      }
    }
    return keys;
  }

  SourceBatch<SubnetSnapshot> parse(long height, String blockHash, JsonNode result, byte[] raw,
      List<Integer> netuids) {
    String source = SOURCE + ":state_queryStorageAt";
    Map<String, String> values;
    Instant time;
    BigInteger issuance;
    BigInteger blockEmission;
    try {
      values = changes(height, blockHash, result, raw, source);
      String now = require(values, SubtensorStorage.TIMESTAMP_NOW.key(), "Timestamp.Now", source, height, raw);
      if (now == null) {
        throw new MalformedPayloadException(Problem.MISSING_FIELD, source, height, raw, "Timestamp.Now is not set");
      }
      time = Instant.ofEpochMilli(number(now, SubtensorStorage.TIMESTAMP_NOW, source, height, raw).longValueExact());
      issuance = numberOr(require(values, SubtensorStorage.TOTAL_ISSUANCE.key(), "TotalIssuance", source, height, raw),
          SubtensorStorage.TOTAL_ISSUANCE, BigInteger.ZERO, source, height, raw);
      blockEmission = numberOr(require(values, SubtensorStorage.BLOCK_EMISSION.key(), "BlockEmission", source, height,
          raw), SubtensorStorage.BLOCK_EMISSION, DEFAULT_BLOCK_EMISSION, source, height, raw);
    } catch (MalformedPayloadException e) {
      return new SourceBatch<>(List.of(), List.of(e.toDeadLetter(PROCESSOR, clock.instant())));
    }
    List<SubnetSnapshot> snapshots = new ArrayList<>();
    List<DeadLetter> dead = new ArrayList<>();
    for (int netuid : netuids) {
      String subnetSource = source + "#netuid=" + netuid;
      try {
        SubnetSnapshot snapshot = snapshot(netuid, values, height, blockHash, time, issuance, blockEmission,
            subnetSource, raw);
        if (snapshot != null) {
          snapshots.add(snapshot);
        }
      } catch (MalformedPayloadException e) {
        dead.add(e.toDeadLetter(PROCESSOR, clock.instant()));
      }
    }
    return new SourceBatch<>(snapshots, dead);
  }

  /** null when the subnet does not exist at this block (neither reserve is stored). */
  private SubnetSnapshot snapshot(int netuid, Map<String, String> values, long height, String blockHash,
      Instant time, BigInteger issuance, BigInteger blockEmission, String source, byte[] raw)
      throws MalformedPayloadException {
    Map<SubtensorStorage, String> v = new HashMap<>();
    for (SubtensorStorage item : SubtensorStorage.values()) {
      if (item.perSubnet()) {
        v.put(item, require(values, item.key(netuid), item.itemName() + "(" + netuid + ")", source, height, raw));
      }
    }
    if (v.get(SubtensorStorage.SUBNET_TAO) == null && v.get(SubtensorStorage.SUBNET_ALPHA_IN) == null) {
      return null;
    }
    BigInteger tao = numberOr(v.get(SubtensorStorage.SUBNET_TAO), SubtensorStorage.SUBNET_TAO, BigInteger.ZERO,
        source, height, raw);
    BigInteger alpha = numberOr(v.get(SubtensorStorage.SUBNET_ALPHA_IN), SubtensorStorage.SUBNET_ALPHA_IN,
        BigInteger.ZERO, source, height, raw);
    BigInteger alphaOut = zeroOr(v, SubtensorStorage.SUBNET_ALPHA_OUT, source, height, raw);
    BigInteger taoEmission = zeroOr(v, SubtensorStorage.SUBNET_TAO_IN_EMISSION, source, height, raw)
        .add(zeroOr(v, SubtensorStorage.SUBNET_EXCESS_TAO, source, height, raw));
    BigInteger alphaEmission = zeroOr(v, SubtensorStorage.SUBNET_ALPHA_IN_EMISSION, source, height, raw)
        .add(zeroOr(v, SubtensorStorage.SUBNET_ALPHA_OUT_EMISSION, source, height, raw));
    int tempo = v.get(SubtensorStorage.TEMPO) == null ? defaultTempo
        : number(v.get(SubtensorStorage.TEMPO), SubtensorStorage.TEMPO, source, height, raw).intValueExact();
    BigInteger flow = v.get(SubtensorStorage.SUBNET_TAO_FLOW) == null ? BigInteger.ZERO
        : decode(v.get(SubtensorStorage.SUBNET_TAO_FLOW), SubtensorStorage.SUBNET_TAO_FLOW, source, height, raw,
            bytes -> Scale.signed(bytes, 8));
    Double movingPrice = v.get(SubtensorStorage.SUBNET_MOVING_PRICE) == null ? 0.0
        : decode(v.get(SubtensorStorage.SUBNET_MOVING_PRICE), SubtensorStorage.SUBNET_MOVING_PRICE, source, height, raw,
            Scale::i96f32);
    Double minerBurned = v.get(SubtensorStorage.MINER_BURNED) == null ? 0.0
        : decode(v.get(SubtensorStorage.MINER_BURNED), SubtensorStorage.MINER_BURNED, source, height, raw,
            Scale::u96f32);
    double price = alpha.signum() == 0 ? 0.0
        : new BigDecimal(tao).divide(new BigDecimal(alpha), MathContext.DECIMAL128).doubleValue();
    double share = blockEmission.signum() == 0 ? 0.0
        : new BigDecimal(taoEmission).divide(new BigDecimal(blockEmission), MathContext.DECIMAL128).doubleValue();
    EventMeta meta = EventMeta.newBuilder()
        .setEventId(EventIds.of("subnet-snapshot", chainId, blockHash, Integer.toString(netuid)))
        .setChainId(chainId)
        .setBlockNumber(height)
        .setBlockHash(blockHash)
        .setEventTime(time)
        .setIngestTime(clock.instant().truncatedTo(ChronoUnit.MILLIS))
        .setSource(SOURCE)
        .build();
    return SubnetSnapshot.newBuilder()
        .setMeta(meta)
        .setNetuid(netuid)
        .setTempo(tempo)
        .setTaoReserve(tao.toString())
        .setAlphaReserve(alpha.toString())
        .setAlphaOutstanding(alphaOut.toString())
        .setPrice(price)
        .setMovingPrice(movingPrice)
        .setTaoEmission(taoEmission.toString())
        .setAlphaEmission(alphaEmission.toString())
        .setEmissionShare(share)
        .setTaoStaked(flow.max(BigInteger.ZERO).toString())
        .setTaoUnstaked(flow.min(BigInteger.ZERO).negate().toString())
        .setNetTaoFlow(flow.toString())
        .setMinerBurnedFraction(minerBurned)
        .setBlockEmission(blockEmission.toString())
        .setTotalIssuance(issuance.toString())
        .setEmissionRule(emissionRule)
        // SubnetTaoFlow is one block's flow: the snapshot stands for that block alone, whatever its cadence.
        .setBlocksCovered(1)
        .build();
  }

  private static Map<String, String> changes(long height, String blockHash, JsonNode result, byte[] raw,
      String source) throws MalformedPayloadException {
    if (result == null || !result.isArray() || result.isEmpty() || !result.get(0).isObject()) {
      throw new MalformedPayloadException(Problem.MISSING_FIELD, source, height, raw, "no change set in the reply");
    }
    JsonNode set = result.get(0);
    String block = set.path("block").asText("");
    if (!block.equalsIgnoreCase(blockHash)) {
      throw new MalformedPayloadException(Problem.INCONSISTENT, source, height, raw,
          "asked at block " + blockHash + " but got " + block);
    }
    JsonNode changes = set.path("changes");
    if (!changes.isArray()) {
      throw new MalformedPayloadException(Problem.MISSING_FIELD, source, height, raw, "no changes array");
    }
    Map<String, String> values = new HashMap<>();
    for (JsonNode change : changes) {
      if (!change.isArray() || change.size() != 2 || !change.get(0).isTextual()
          || !(change.get(1).isTextual() || change.get(1).isNull())) {
        throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, raw,
            "a change is not [key, value|null]: " + change);
      }
      values.put(change.get(0).asText().toLowerCase(Locale.ROOT),
          change.get(1).isNull() ? null : change.get(1).asText());
    }
    return values;
  }

  /** The value of {@code key} (null = not stored); the key itself must be in the reply. */
  private static String require(Map<String, String> values, String key, String name, String source, long height,
      byte[] raw) throws MalformedPayloadException {
    if (!values.containsKey(key)) {
      throw new MalformedPayloadException(Problem.INCONSISTENT, source, height, raw,
          "the node did not answer for " + name + " (" + key + ")");
    }
    return values.get(key);
  }

  private static BigInteger zeroOr(Map<SubtensorStorage, String> v, SubtensorStorage item, String source,
      long height, byte[] raw) throws MalformedPayloadException {
    return numberOr(v.get(item), item, BigInteger.ZERO, source, height, raw);
  }

  private static BigInteger numberOr(String hex, SubtensorStorage item, BigInteger fallback, String source,
      long height, byte[] raw) throws MalformedPayloadException {
    return hex == null ? fallback : number(hex, item, source, height, raw);
  }

  private static BigInteger number(String hex, SubtensorStorage item, String source, long height, byte[] raw)
      throws MalformedPayloadException {
    return decode(hex, item, source, height, raw, bytes -> Scale.unsigned(bytes, item.width()));
  }

  private static <T> T decode(String hex, SubtensorStorage item, String source, long height, byte[] raw,
      java.util.function.Function<byte[], T> decoder) throws MalformedPayloadException {
    try {
      return decoder.apply(Scale.hex(hex));
    } catch (IllegalArgumentException e) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, raw,
          item.itemName() + " does not decode as a " + item.width() + "-byte SCALE value: " + e.getMessage());
    }
  }
}
