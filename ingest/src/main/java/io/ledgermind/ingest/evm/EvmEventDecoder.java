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
  private static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

  private final String chainId;
  private final String source;
  private final Map<String, WatchedContract> contracts;

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
    };
  }

  private Optional<StablecoinEvent> stablecoin(WatchedContract contract, String topic0, Log log, EventMeta meta)
      throws MalformedLogException {
    StablecoinEvent.Builder event = StablecoinEvent.newBuilder().setMeta(meta).setToken(contract.symbol())
        .setContract(contract.address()).setDecimals(contract.decimals());
    if (topic0.equals(EventSignatures.TRANSFER_TOPIC)) {
      List<Type> data = data(EventSignatures.TRANSFER, log);
      String from = address(log, 1);
      String to = address(log, 2);
      return Optional.of(event.setKind(StablecoinEventKind.TRANSFER).setFrom(from).setTo(to)
          .setAmount(uint(data.get(0))).build());
    }
    if (contract.kind() == ContractKind.USDC && topic0.equals(EventSignatures.MINT_TOPIC)) {
      List<Type> data = data(EventSignatures.MINT, log);
      return Optional.of(event.setKind(StablecoinEventKind.MINT).setOperator(address(log, 1)).setTo(address(log, 2))
          .setAmount(uint(data.get(0))).build());
    }
    if (contract.kind() == ContractKind.USDC && topic0.equals(EventSignatures.BURN_TOPIC)) {
      List<Type> data = data(EventSignatures.BURN, log);
      String burner = address(log, 1);
      return Optional.of(event.setKind(StablecoinEventKind.BURN).setOperator(burner).setFrom(burner)
          .setAmount(uint(data.get(0))).build());
    }
    if (contract.kind() == ContractKind.USDT && topic0.equals(EventSignatures.ISSUE_TOPIC)) {
      List<Type> data = data(EventSignatures.ISSUE, log);
      return Optional.of(event.setKind(StablecoinEventKind.ISSUE).setAmount(uint(data.get(0))).build());
    }
    if (contract.kind() == ContractKind.USDT && topic0.equals(EventSignatures.REDEEM_TOPIC)) {
      List<Type> data = data(EventSignatures.REDEEM, log);
      return Optional.of(event.setKind(StablecoinEventKind.REDEEM).setAmount(uint(data.get(0))).build());
    }
    if (contract.kind() == ContractKind.USDT && topic0.equals(EventSignatures.DESTROYED_BLACK_FUNDS_TOPIC)) {
      List<Type> data = data(EventSignatures.DESTROYED_BLACK_FUNDS, log);
      // Supply shrinks with no Transfer: the blacklisted account is recorded as `from`.
      return Optional.of(event.setKind(StablecoinEventKind.DESTROYED_BLACK_FUNDS)
          .setFrom(lower(data.get(0).getValue().toString())).setAmount(uint(data.get(1))).build());
    }
    return Optional.empty();
  }

  private Optional<OracleRoundEvent> oracle(WatchedContract contract, String topic0, Log log, EventMeta meta)
      throws MalformedLogException {
    OracleRoundEvent.Builder event = OracleRoundEvent.newBuilder().setMeta(meta).setFeedAddress(contract.address())
        .setFeedId(contract.symbol()).setSource(OracleSource.CHAINLINK).setDecimals(contract.decimals());
    if (topic0.equals(EventSignatures.ANSWER_UPDATED_TOPIC)) {
      List<Type> data = data(EventSignatures.ANSWER_UPDATED, log);
      BigInteger updatedAt = (BigInteger) data.get(0).getValue();
      return Optional.of(event.setKind(OracleEventKind.ANSWER_UPDATED)
          .setAnswer(signedTopic(log, 1).toString()).setRoundId(unsignedTopic(log, 2).toString())
          .setUpdatedAt(Instant.ofEpochSecond(updatedAt.longValueExact())).build());
    }
    if (topic0.equals(EventSignatures.NEW_ROUND_TOPIC)) {
      data(EventSignatures.NEW_ROUND, log);
      return Optional.of(event.setKind(OracleEventKind.NEW_ROUND).setRoundId(unsignedTopic(log, 1).toString())
          .setStartedBy(address(log, 2)).build());
    }
    if (topic0.equals(EventSignatures.NEW_TRANSMISSION_TOPIC)) {
      List<Type> data = data(EventSignatures.NEW_TRANSMISSION, log);
      return Optional.of(event.setKind(OracleEventKind.NEW_TRANSMISSION).setRoundId(unsignedTopic(log, 1).toString())
          .setAnswer(data.get(0).getValue().toString()).setTransmitter(lower(data.get(1).getValue().toString()))
          .setUpdatedAt(Instant.ofEpochSecond(((BigInteger) data.get(2).getValue()).longValueExact())).build());
    }
    return Optional.empty();
  }

  private EventMeta meta(Log log, BlockInfo block, Instant ingestTime) {
    int logIndex = log.getLogIndex().intValueExact();
    String txHash = lower(log.getTransactionHash());
    return EventMeta.newBuilder()
        .setEventId(EventIds.ofLog(chainId, block.hash(), txHash, logIndex))
        .setChainId(chainId).setBlockNumber(block.number()).setBlockHash(block.hash()).setTxHash(txHash)
        .setLogIndex(logIndex).setEventTime(block.timestamp()).setIngestTime(ingestTime).setSource(source)
        .build();
  }

  /** Non-indexed parameters; the data length must be exactly what the event's static types take. */
  private static List<Type> data(Event event, Log log) throws MalformedLogException {
    int indexed = event.getIndexedParameters().size();
    if (log.getTopics().size() != 1 + indexed) {
      throw new MalformedLogException(event.getName() + " needs " + (1 + indexed) + " topics, log has "
          + log.getTopics().size());
    }
    String data = log.getData() == null ? "0x" : log.getData();
    // Every event we decode has only static data types, except NewTransmission (arrays and bytes).
    boolean allStatic = event != EventSignatures.NEW_TRANSMISSION;
    int expectedHex = 64 * event.getNonIndexedParameters().size();
    if (allStatic && data.length() - 2 != expectedHex) {
      throw new MalformedLogException(event.getName() + " data must be " + expectedHex / 2 + " bytes, is "
          + (data.length() - 2) / 2);
    }
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

  static boolean isZeroAddress(String address) {
    return ZERO_ADDRESS.equals(address);
  }
}
