package io.ledgermind.ingest.evm;

import io.ledgermind.schemas.EventIds;
import io.ledgermind.schemas.common.EventMeta;
import io.ledgermind.schemas.raw.OracleEventKind;
import io.ledgermind.schemas.raw.OracleRoundEvent;
import io.ledgermind.schemas.raw.OracleSource;
import io.ledgermind.schemas.raw.StablecoinEvent;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.Log;

/**
 * Turns logs of watched contracts into raw event records. A log whose topic0 we do not track (e.g. USDT's
 * AddedBlackList) is skipped; a log whose topics or data do not fit the event its topic0 names is malformed.
 */
final class EvmEventDecoder {
  private final String chainId;
  private final String source;
  private final Map<String, WatchedContract> contracts;
  private final Map<String, Map<String, String>> feedNames = new java.util.HashMap<>();

  EvmEventDecoder(String chainId, String source, Map<String, WatchedContract> contractsByAddress) {
    this.chainId = chainId;
    this.source = source;
    this.contracts = contractsByAddress;
  }

  /** The record for {@code log}, or empty for an event kind we do not ingest. */
  Optional<SpecificRecord> decode(Log log, BlockInfo block, Instant ingestTime) throws MalformedLogException {
    WatchedContract contract = contracts.get(lower(log.getAddress()));
    if (contract == null) {
      return Optional.empty();
    }
    List<String> topics = log.getTopics();
    if (topics == null || topics.isEmpty()) {
      return Optional.empty(); // anonymous events: not ours
    }
    String topic0 = lower(topics.get(0));
    EventMeta meta = meta(log, block, ingestTime);
    return switch (contract.kind()) {
      case USDC, USDT -> stablecoin(contract, topic0, log, meta).map(SpecificRecord.class::cast);
      case CHAINLINK_AGGREGATOR -> oracle(contract, topic0, log, meta).map(SpecificRecord.class::cast);
      case LEDGERMIND_ORACLE -> ledgermindRound(contract, topic0, log, meta).map(SpecificRecord.class::cast);
    };
  }

  private Optional<StablecoinEvent> stablecoin(WatchedContract contract, String topic0, Log log, EventMeta meta)
      throws MalformedLogException {
    StablecoinEventKind kind;
    String from = null;
    String to = null;
    String operator = null;
    String amount;
    boolean usdc = contract.kind() == ContractKind.USDC;
    if (topic0.equals(EventSignatures.TRANSFER_TOPIC)) {
      amount = words(EventSignatures.TRANSFER, log)[0].toString();
      kind = StablecoinEventKind.TRANSFER;
      from = address(log, 1);
      to = address(log, 2);
    } else if (usdc && topic0.equals(EventSignatures.MINT_TOPIC)) {
      amount = words(EventSignatures.MINT, log)[0].toString();
      kind = StablecoinEventKind.MINT;
      operator = address(log, 1);
      to = address(log, 2);
    } else if (usdc && topic0.equals(EventSignatures.BURN_TOPIC)) {
      amount = words(EventSignatures.BURN, log)[0].toString();
      kind = StablecoinEventKind.BURN;
      operator = address(log, 1);
      from = operator;
    } else if (!usdc && topic0.equals(EventSignatures.ISSUE_TOPIC)) {
      amount = words(EventSignatures.ISSUE, log)[0].toString();
      kind = StablecoinEventKind.ISSUE;
    } else if (!usdc && topic0.equals(EventSignatures.REDEEM_TOPIC)) {
      amount = words(EventSignatures.REDEEM, log)[0].toString();
      kind = StablecoinEventKind.REDEEM;
    } else if (!usdc && topic0.equals(EventSignatures.DESTROYED_BLACK_FUNDS_TOPIC)) {
      BigInteger[] words = words(EventSignatures.DESTROYED_BLACK_FUNDS, log);
      // Supply shrinks with no Transfer: the blacklisted account is recorded as `from`.
      from = addressWord(words[0], "_blackListedUser");
      amount = words[1].toString();
      kind = StablecoinEventKind.DESTROYED_BLACK_FUNDS;
    } else {
      return Optional.empty();
    }
    // All-args constructor rather than the builder: the builder deep-copies defaults of unset fields, a third
    // of the decode cost on the backfill path.
    return Optional.of(new StablecoinEvent(meta, contract.symbol(), contract.address(), kind, from, to, operator,
        amount, contract.decimals(), null, null));
  }

  private Optional<OracleRoundEvent> oracle(WatchedContract contract, String topic0, Log log, EventMeta meta)
      throws MalformedLogException {
    OracleRoundEvent.Builder event = OracleRoundEvent.newBuilder().setMeta(meta).setFeedAddress(contract.address())
        .setFeedId(contract.symbol()).setSource(OracleSource.CHAINLINK).setDecimals(contract.decimals());
    if (topic0.equals(EventSignatures.ANSWER_UPDATED_TOPIC)) {
      BigInteger updatedAt = words(EventSignatures.ANSWER_UPDATED, log)[0];
      return Optional.of(event.setKind(OracleEventKind.ANSWER_UPDATED)
          .setAnswer(signedTopic(log, 1).toString()).setRoundId(unsignedTopic(log, 2).toString())
          .setUpdatedAt(Instant.ofEpochSecond(updatedAt.longValueExact())).build());
    }
    if (topic0.equals(EventSignatures.NEW_ROUND_TOPIC)) {
      words(EventSignatures.NEW_ROUND, log);
      return Optional.of(event.setKind(OracleEventKind.NEW_ROUND).setRoundId(unsignedTopic(log, 1).toString())
          .setStartedBy(address(log, 2)).build());
    }
    if (topic0.equals(EventSignatures.NEW_TRANSMISSION_TOPIC)) {
      List<Type> data = dynamicData(EventSignatures.NEW_TRANSMISSION, log);
      return Optional.of(event.setKind(OracleEventKind.NEW_TRANSMISSION).setRoundId(unsignedTopic(log, 1).toString())
          .setAnswer(data.get(0).getValue().toString()).setTransmitter(lower(data.get(1).getValue().toString()))
          .setUpdatedAt(Instant.ofEpochSecond(((BigInteger) data.get(2).getValue()).longValueExact())).build());
    }
    return Optional.empty();
  }

  /**
   * A round of our own oracle: the feed's name where the contract lists it (else the 0x feed id), the round id the
   * contract assigned, the answer, the model hash and inputs commitment it rests on; updatedAt is the block time.
   */
  private Optional<OracleRoundEvent> ledgermindRound(WatchedContract contract, String topic0, Log log, EventMeta meta)
      throws MalformedLogException {
    if (!topic0.equals(EventSignatures.ROUND_PUBLISHED_TOPIC)) {
      return Optional.empty(); // ReportAccepted, UpdateSkipped, configuration events
    }
    List<Type> data = dynamicData(EventSignatures.ROUND_PUBLISHED, log);
    String feedId = "0x" + word(log, 1);
    return Optional.of(OracleRoundEvent.newBuilder().setMeta(meta).setFeedAddress(contract.address())
        .setFeedId(feedNames.computeIfAbsent(contract.address(), a -> contract.feedNamesById())
            .getOrDefault(feedId, feedId))
        .setSource(OracleSource.LEDGERMIND).setKind(OracleEventKind.ROUND_PUBLISHED)
        .setRoundId(unsignedTopic(log, 2).toString()).setAnswer(data.get(0).getValue().toString())
        .setDecimals(contract.decimals()).setUpdatedAt(meta.getEventTime())
        .setModelHash(org.web3j.utils.Numeric.toHexString((byte[]) data.get(3).getValue()))
        .setInputsCommitment(org.web3j.utils.Numeric.toHexString((byte[]) data.get(4).getValue())).build());
  }

  private EventMeta meta(Log log, BlockInfo block, Instant ingestTime) {
    int logIndex = log.getLogIndex().intValueExact();
    String txHash = lower(log.getTransactionHash());
    return new EventMeta(EventIds.ofLog(chainId, block.hash(), txHash, logIndex), chainId, block.number(),
        block.hash(), txHash, logIndex, block.timestamp(), ingestTime, source);
  }

  /**
   * The 32-byte data words of an event whose non-indexed parameters are all static (uint256, int256, address):
   * parsed directly, no ABI decoder; the data length must be exactly one word per parameter.
   */
  private static BigInteger[] words(Event event, Log log) throws MalformedLogException {
    int indexed = event.getIndexedParameters().size();
    if (log.getTopics().size() != 1 + indexed) {
      throw new MalformedLogException(event.getName() + " needs " + (1 + indexed) + " topics, log has "
          + log.getTopics().size());
    }
    String data = log.getData() == null ? "0x" : log.getData();
    int count = event.getNonIndexedParameters().size();
    if (data.length() - 2 != 64 * count || !data.startsWith("0x")) {
      throw new MalformedLogException(event.getName() + " data must be " + 32 * count + " bytes, is "
          + Math.max(0, data.length() - 2) / 2);
    }
    BigInteger[] words = new BigInteger[count];
    try {
      for (int i = 0; i < count; i++) {
        words[i] = new BigInteger(data.substring(2 + 64 * i, 2 + 64 * (i + 1)), 16);
      }
    } catch (NumberFormatException e) {
      throw new MalformedLogException(event.getName() + " data is not hex", e);
    }
    return words;
  }

  private static String addressWord(BigInteger word, String name) throws MalformedLogException {
    if (word.bitLength() > 160) {
      throw new MalformedLogException(name + " is not an address: " + word.toString(16));
    }
    return String.format("0x%040x", word);
  }

  /** Non-indexed parameters of an event with dynamic types (arrays, bytes), through web3j's ABI decoder. */
  private static List<Type> dynamicData(Event event, Log log) throws MalformedLogException {
    int indexed = event.getIndexedParameters().size();
    if (log.getTopics().size() != 1 + indexed) {
      throw new MalformedLogException(event.getName() + " needs " + (1 + indexed) + " topics, log has "
          + log.getTopics().size());
    }
    String data = log.getData() == null ? "0x" : log.getData();
    try {
      @SuppressWarnings({"rawtypes", "unchecked"})
      List<Type> values = FunctionReturnDecoder.decode(data, (List) event.getNonIndexedParameters());
      if (values.size() != event.getNonIndexedParameters().size()) {
        throw new MalformedLogException(event.getName() + " data does not decode (" + values.size() + " values)");
      }
      return values;
    } catch (RuntimeException e) {
      throw new MalformedLogException(event.getName() + " data does not decode: " + e.getMessage(), e);
    }
  }

  private static String address(Log log, int topic) throws MalformedLogException {
    String word = word(log, topic);
    if (!word.startsWith("000000000000000000000000")) {
      throw new MalformedLogException("topic " + topic + " is not an address: 0x" + word);
    }
    return "0x" + word.substring(24);
  }

  private static BigInteger unsignedTopic(Log log, int topic) throws MalformedLogException {
    return new BigInteger(word(log, topic), 16);
  }

  private static BigInteger signedTopic(Log log, int topic) throws MalformedLogException {
    BigInteger value = unsignedTopic(log, topic);
    return value.testBit(255) ? value.subtract(BigInteger.ONE.shiftLeft(256)) : value;
  }

  private static String word(Log log, int topic) throws MalformedLogException {
    String hex = lower(log.getTopics().get(topic));
    if (!hex.matches("0x[0-9a-f]{64}")) {
      throw new MalformedLogException("topic " + topic + " is not a 32-byte word: " + hex);
    }
    return hex.substring(2);
  }

  private static String uint(Type<?> value) {
    return value.getValue().toString();
  }

  static String lower(String hex) {
    return hex == null ? null : hex.toLowerCase(Locale.ROOT);
  }
}
