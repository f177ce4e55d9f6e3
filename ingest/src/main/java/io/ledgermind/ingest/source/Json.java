package io.ledgermind.ingest.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgermind.ingest.source.MalformedPayloadException.Problem;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * Strict accessors for upstream JSON: every missing or ill-typed field becomes a {@link MalformedPayloadException}
 * naming the field, never a NullPointerException. Numbers that may exceed a long are read as BigInteger from their
 * text, never through double.
 */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Parses a whole payload. */
  public static JsonNode parse(byte[] raw, String source, long height) throws MalformedPayloadException {
    try {
      JsonNode node = MAPPER.readTree(raw);
      if (node == null || node.isMissingNode()) {
        throw new MalformedPayloadException(Problem.NOT_JSON, source, height, raw, "empty body");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException(Problem.NOT_JSON, source, height, raw,
          "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new MalformedPayloadException(Problem.NOT_JSON, source, height, raw, "not JSON: " + e.getMessage());
    }
  }

  /** Parses a JSON document held in a string (Cosmos typed-event attribute values). */
  public static JsonNode parse(String text, String source, long height, byte[] context)
      throws MalformedPayloadException {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context,
          "attribute value is not JSON: " + abbreviate(text));
    }
  }

  /** {@code node.field}, required and not null. */
  public static JsonNode required(JsonNode node, String field, String source, long height, byte[] context)
      throws MalformedPayloadException {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isMissingNode()) {
      throw new MalformedPayloadException(Problem.MISSING_FIELD, source, height, context, "missing " + field);
    }
    return value;
  }

  /** A required textual field. */
  public static String text(JsonNode node, String field, String source, long height, byte[] context)
      throws MalformedPayloadException {
    JsonNode value = required(node, field, source, height, context);
    if (!value.isTextual()) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context, field + " is not a string");
    }
    return value.asText();
  }

  /**
   * A required non-negative integer given as JSON number or as decimal string (proto3 JSON writes 64-bit integers as
   * strings), e.g. heights and Cosmos sequence numbers.
   */
  public static BigInteger unsigned(JsonNode node, String field, String source, long height, byte[] context)
      throws MalformedPayloadException {
    JsonNode value = required(node, field, source, height, context);
    String text = value.isIntegralNumber() ? value.bigIntegerValue().toString() : value.isTextual() ? value.asText()
        : null;
    if (text == null || !text.matches("0|[1-9][0-9]{0,77}")) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context,
          field + " is not a non-negative integer: " + abbreviate(value.toString()));
    }
    return new BigInteger(text);
  }

  /** {@link #unsigned} that must fit a long. */
  public static long unsignedLong(JsonNode node, String field, String source, long height, byte[] context)
      throws MalformedPayloadException {
    BigInteger value = unsigned(node, field, source, height, context);
    if (value.bitLength() > 63) {
      throw new MalformedPayloadException(Problem.BAD_VALUE, source, height, context, field + " exceeds a long");
    }
    return value.longValue();
  }

  /** Bytes of a node, for a dead letter that holds just the offending part. */
  public static byte[] bytes(JsonNode node) {
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String abbreviate(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
