package io.ledgermind.oracle.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Turns revert data into readable reasons: custom errors of our contracts (from their ABIs, shipped in the jar),
 * {@code Error(string)} and {@code Panic(uint256)}. web3j does not decode custom errors, and anvil puts the raw bytes
 * in its messages, so the transmitter simulates with {@code eth_call} first and decodes the selector here.
 */
public final class RevertDecoder {
  private static final String ERROR_STRING = "0x08c379a0";
  private static final String PANIC = "0x4e487b71";
  private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{8,}");
  private static final RevertDecoder STANDARD =
      new RevertDecoder(List.of("LedgermindOracle", "LedgermindFeedProxy", "FeedConsumer"));

  private record ErrorDef(String name, List<String> paramNames, List<TypeReference<Type>> types) {}

  private final Map<String, ErrorDef> bySelector = new HashMap<>();

  RevertDecoder(List<String> contracts) {
    ObjectMapper json = new ObjectMapper();
    for (String contract : contracts) {
      try (InputStream in = RevertDecoder.class.getResourceAsStream("/io/ledgermind/oracle/contracts/" + contract + ".abi")) {
        if (in == null) {
          throw new IllegalStateException("ABI of " + contract + " missing from the class path (build the module)");
        }
        for (JsonNode item : json.readTree(in)) {
          if (!"error".equals(item.path("type").asText())) {
            continue;
          }
          List<String> names = new ArrayList<>();
          List<String> types = new ArrayList<>();
          List<TypeReference<Type>> refs = new ArrayList<>();
          for (JsonNode input : item.path("inputs")) {
            names.add(input.path("name").asText());
            types.add(input.path("type").asText());
            refs.add(typeReference(input.path("type").asText()));
          }
          String signature = item.path("name").asText() + "(" + String.join(",", types) + ")";
          String selector = Hash.sha3String(signature).substring(0, 10);
          bySelector.put(selector, new ErrorDef(item.path("name").asText(), names, refs));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public static RevertDecoder standard() {
    return STANDARD;
  }

  @SuppressWarnings("unchecked")
  private static TypeReference<Type> typeReference(String solidityType) {
    try {
      return (TypeReference<Type>) (TypeReference<?>) TypeReference.makeTypeReference(solidityType);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("unsupported error parameter type " + solidityType, e);
    }
  }

  /** The error name of revert data, e.g. {@code RoundNotIncreasing}, or empty when unknown. */
  public Optional<String> errorName(String revertData) {
    if (revertData == null || revertData.length() < 10) {
      return Optional.empty();
    }
    String selector = revertData.substring(0, 10).toLowerCase();
    if (selector.equals(ERROR_STRING)) {
      return Optional.of("Error");
    }
    if (selector.equals(PANIC)) {
      return Optional.of("Panic");
    }
    return Optional.ofNullable(bySelector.get(selector)).map(ErrorDef::name);
  }

  /** A readable reason, e.g. {@code RoundNotIncreasing(feedId=0x.., roundId=7, latestRound=7)}. */
  public String decode(String revertData) {
    if (revertData == null || revertData.equals("0x") || revertData.isEmpty()) {
      return "reverted without data";
    }
    String selector = revertData.length() >= 10 ? revertData.substring(0, 10).toLowerCase() : revertData;
    String body = revertData.length() > 10 ? "0x" + revertData.substring(10) : "0x";
    try {
      if (selector.equals(ERROR_STRING)) {
        List<Type> v = FunctionReturnDecoder.decode(body, List.of(typeReference("string")));
        return "Error(" + v.get(0).getValue() + ")";
      }
      if (selector.equals(PANIC)) {
        List<Type> v = FunctionReturnDecoder.decode(body, List.of(typeReference("uint256")));
        return "Panic(0x" + ((java.math.BigInteger) v.get(0).getValue()).toString(16) + ")";
      }
      ErrorDef def = bySelector.get(selector);
      if (def == null) {
        return "unknown error " + selector + " (" + revertData + ")";
      }
      List<Type> values = def.types().isEmpty() ? List.of() : FunctionReturnDecoder.decode(body, def.types());
      StringBuilder out = new StringBuilder(def.name()).append('(');
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        Object value = values.get(i).getValue();
        out.append(def.paramNames().get(i)).append('=')
            .append(value instanceof byte[] bytes ? Numeric.toHexString(bytes) : String.valueOf(value));
      }
      return out.append(')').toString();
    } catch (RuntimeException e) {
      return "undecodable revert " + revertData;
    }
  }

  /** Finds revert data in a JSON-RPC error: its {@code data} field, else the first long hex string in the message. */
  public static Optional<String> revertData(org.web3j.protocol.core.Response.Error error) {
    if (error == null) {
      return Optional.empty();
    }
    String data = error.getData();
    if (data != null) {
      String cleaned = data.replace("\"", "").trim();
      if (cleaned.startsWith("0x")) {
        return Optional.of(cleaned);
      }
    }
    Matcher m = HEX.matcher(String.valueOf(error.getMessage()));
    return m.find() ? Optional.of(m.group()) : Optional.empty();
  }
}
