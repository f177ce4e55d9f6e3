package io.ledgermind.ingest.depin;

import com.fasterxml.jackson.databind.JsonNode;
import io.ledgermind.ingest.source.Json;
import io.ledgermind.ingest.source.MalformedPayloadException;
import io.ledgermind.ingest.source.MalformedPayloadException.Problem;
import io.ledgermind.schemas.raw.DepinEventKind;
import io.ledgermind.schemas.serde.ExactNumber;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises Akash market events in a CometBFT {@code block_results} event and extracts their fields, in both
 * formats the chain has used:
 * <ul>
 *   <li><b>typed events</b> (Cosmos SDK {@code EmitTypedEvent}): type {@code akash.market.v1beta4.EventLeaseCreated}
 *       (any {@code v1}/{@code v1betaN} package), one attribute per proto field whose value is that field as JSON:
 *       {@code id = {"owner":"akash1…","dseq":"123","gseq":1,"oseq":1,"provider":"akash1…"}},
 *       {@code price = {"denom":"uakt","amount":"12.500000000000000000"}};</li>
 *   <li><b>legacy events</b> ({@code sdkutil.EventTypeMessage}): type {@code akash.v1} with attributes
 *       {@code module=market}, {@code action=lease-created}, {@code owner}, {@code dseq}, {@code gseq}, {@code oseq},
 *       {@code provider}, {@code price-denom}, {@code price-amount}.</li>
 * </ul>
 * Attribute keys and values are plain strings since CometBFT 0.37 and base64 in Tendermint 0.34; each event is
 * decoded in whichever encoding yields known keys.
 */
final class AkashEventDecoder {
  private static final Pattern TYPED = Pattern.compile(
      "akash\\.market\\.v1(?:beta\\d+)?\\.Event(OrderCreated|BidCreated|LeaseCreated|LeaseClosed)");
  private static final Map<String, DepinEventKind> TYPED_KINDS = Map.of(
      "OrderCreated", DepinEventKind.ORDER_CREATED, "BidCreated", DepinEventKind.BID_CREATED,
      "LeaseCreated", DepinEventKind.LEASE_CREATED, "LeaseClosed", DepinEventKind.LEASE_CLOSED);
  private static final Map<String, DepinEventKind> LEGACY_ACTIONS = Map.of(
      "order-created", DepinEventKind.ORDER_CREATED, "bid-created", DepinEventKind.BID_CREATED,
      "lease-created", DepinEventKind.LEASE_CREATED, "lease-closed", DepinEventKind.LEASE_CLOSED);
  private static final Set<String> KNOWN_KEYS = Set.of("id", "price", "msg_index", "module", "action", "owner",
      "dseq", "gseq", "oseq", "provider", "price-denom", "price-amount");
  private static final Pattern AKASH_ADDRESS = Pattern.compile("akash1[02-9ac-hj-np-z]{38,58}");

  /** The fields of one recognised market event. */
  record MarketEvent(DepinEventKind kind, String owner, BigInteger dseq, BigInteger gseq, BigInteger oseq,
      String provider, String denom, String priceAmount) {
    String workId() {
      return owner + "/" + dseq + "/" + gseq + "/" + oseq;
    }
  }

  private AkashEventDecoder() {}

  /**
   * The market event in {@code event}, or empty for any other event type (bank transfers, deployment events...).
   *
   * @throws MalformedPayloadException when it is a market event but its fields are missing or invalid
   */
  static Optional<MarketEvent> decode(JsonNode event, String source, long height) throws MalformedPayloadException {
    byte[] context = Json.bytes(event);
    String type = Json.text(event, "type", source, height, context);
    Matcher typed = TYPED.matcher(type);
    boolean legacy = type.equals("akash.v1");
    if (!typed.matches() && !legacy) {
      return Optional.empty();
    }
    Map<String, String> attributes = attributes(event, source, height, context);
    if (typed.matches()) {
      return Optional.of(typedEvent(TYPED_KINDS.get(typed.group(1)), attributes, source, height, context));
    }
    if (!"market".equals(attributes.get("module")) || !LEGACY_ACTIONS.containsKey(attributes.get("action"))) {
      return Optional.empty();
    }
    return Optional.of(legacyEvent(LEGACY_ACTIONS.get(attributes.get("action")), attributes, source, height, context));
  }

  private static MarketEvent typedEvent(DepinEventKind kind, Map<String, String> attributes, String source,
      long height, byte[] context) throws MalformedPayloadException {
    JsonNode id = Json.parse(require(attributes, "id", source, height, context), source, height, context);
    String owner = address(Json.text(id, "owner", source, height, context), "id.owner", source, height, context);
    BigInteger dseq = Json.unsigned(id, "dseq", source, height, context);
    BigInteger gseq = Json.unsigned(id, "gseq", source, height, context);
    BigInteger oseq = Json.unsigned(id, "oseq", source, height, context);
    String provider = null;
    if (kind != DepinEventKind.ORDER_CREATED) {
      provider = address(Json.text(id, "provider", source, height, context), "id.provider", source, height, context);
    }
    String denom = null;
    String amount = null;
    // Bids and new leases must carry a price; a closed lease's event has none in current versions.
    if (kind == DepinEventKind.BID_CREATED || kind == DepinEventKind.LEASE_CREATED
        || kind == DepinEventKind.LEASE_CLOSED && attributes.containsKey("price")) {
      JsonNode price = Json.parse(require(attributes, "price", source, height, context), source, height, context);
      denom = Json.text(price, "denom", source, height, context);
      amount = decimal(Json.text(price, "amount", source, height, context), source, height, context);
    }
    return new MarketEvent(kind, owner, dseq, gseq, oseq, provider, denom, amount);
  }

  private static MarketEvent legacyEvent(DepinEventKind kind, Map<String, String> attributes, String source,
      long height, byte[] context) throws MalformedPayloadException {
    String owner = address(require(attributes, "owner", source, height, context), "owner", source, height, context);
    BigInteger dseq = integer(require(attributes, "dseq", source, height, context), "dseq", source, height, context);
    BigInteger gseq = integer(require(attributes, "gseq", source, height, context), "gseq", source, height, context);
    BigInteger oseq = integer(require(attributes, "oseq", source, height, context), "oseq", source, height, context);
    String provider = null;
    String denom = null;
    String amount = null;
    if (kind != DepinEventKind.ORDER_CREATED) {
      provider = address(require(attributes, "provider", source, height, context), "provider", source, height,
          context);
    }
    // Legacy lease-closed events repeat the lease price; keep it when present.
    if (kind == DepinEventKind.BID_CREATED || kind == DepinEventKind.LEASE_CREATED
        || kind == DepinEventKind.LEASE_CLOSED && attributes.containsKey("price-amount")) {
      denom = require(attributes, "price-denom", source, height, context);
      amount = decimal(require(attributes, "price-amount", source, height, context), source, height, context);
    }
    return new MarketEvent(kind, owner, dseq, gseq, oseq, provider, denom, amount);
  }

  /** Attributes as a map, decoded from plain text or base64, whichever gives known keys. */
  private static Map<String, String> attributes(JsonNode event, String source, long height, byte[] context)
      throws MalformedPayloadException {
    JsonNode list = event.get("attributes");
    if (list == null || list.isNull()) {
      return Map.of();
    }
    if (!list.isArray()) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context, "attributes is not an array");
    }
    Map<String, String> plain = new LinkedHashMap<>();
    for (JsonNode attribute : list) {
      plain.put(attribute.path("key").asText(""), attribute.path("value").isNull() ? ""
          : attribute.path("value").asText(""));
    }
    if (plain.keySet().stream().anyMatch(KNOWN_KEYS::contains)) {
      return plain;
    }
    Map<String, String> decoded = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, String> entry : plain.entrySet()) {
        decoded.put(base64(entry.getKey()), base64(entry.getValue()));
      }
    } catch (IllegalArgumentException e) {
      return plain; // not base64 either: the required-attribute checks will name what is missing
    }
    return decoded.keySet().stream().anyMatch(KNOWN_KEYS::contains) ? decoded : plain;
  }

  private static String base64(String text) {
    return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
  }

  private static String require(Map<String, String> attributes, String key, String source, long height,
      byte[] context) throws MalformedPayloadException {
    String value = attributes.get(key);
    if (value == null || value.isEmpty()) {
      throw new MalformedPayloadException(Problem.MISSING_FIELD, source, height, context, "missing attribute " + key);
    }
    return value;
  }

  private static String address(String value, String field, String source, long height, byte[] context)
      throws MalformedPayloadException {
    if (!AKASH_ADDRESS.matcher(value).matches()) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context,
          field + " is not an akash1 bech32 address: " + value);
    }
    return value;
  }

  private static BigInteger integer(String value, String field, String source, long height, byte[] context)
      throws MalformedPayloadException {
    if (!value.matches("0|[1-9][0-9]{0,19}")) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context,
          field + " is not an unsigned integer: " + value);
    }
    return new BigInteger(value);
  }

  private static String decimal(String value, String source, long height, byte[] context)
      throws MalformedPayloadException {
    if (ExactNumber.DECIMAL.problem(value) != null) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context,
          "price amount is not a non-negative decimal: " + value);
    }
    return value;
  }
}
