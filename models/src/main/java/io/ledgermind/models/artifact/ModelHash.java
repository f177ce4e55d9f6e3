package io.ledgermind.models.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The model hash: {@code SHA-256("ledgermind-model/1\n" + canonical(model spec) + "\n" + parameter bytes)}, hex.
 *
 * <p>The canonical form sorts object keys and writes every floating-point number as the hex of its IEEE-754 bits,
 * so the hash does not depend on how a JVM or Jackson version prints doubles (JDK 19 changed
 * {@code Double.toString}); parsing a decimal back is exactly rounded on every JVM, so a manifest read on any host
 * hashes the same. Anyone can recompute it from the artifact files (models/README.md has the recipe).
 */
public final class ModelHash {
  private static final ObjectMapper MAPPER = Json.mapper();

  private ModelHash() {}

  public static String of(ModelSpec spec, byte[] parameters) {
    MessageDigest digest = sha256();
    digest.update((Manifest.FORMAT + "\n" + canonical(spec) + "\n").getBytes(StandardCharsets.UTF_8));
    digest.update(parameters);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Canonical text of the spec (see class comment). */
  public static String canonical(ModelSpec spec) {
    StringBuilder out = new StringBuilder();
    write(MAPPER.valueToTree(spec), out);
    return out.toString();
  }

  /** SHA-256 hex of arbitrary bytes (outputs, files). */
  public static String sha256Hex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256().digest(bytes));
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(MAPPER.getNodeFactory().textNode(names.get(i))).append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      Iterator<JsonNode> it = node.elements();
      for (int i = 0; it.hasNext(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(it.next(), out);
      }
      out.append(']');
    } else if (node.isFloatingPointNumber()) {
      out.append("0x").append(Long.toHexString(Double.doubleToLongBits(node.doubleValue())));
    } else {
      out.append(node); // strings (quoted, escaped), integers, booleans, null
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
