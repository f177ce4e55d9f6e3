package io.ledgermind.ingest.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON-RPC 2.0 over {@link JsonHttpClient} POSTs (Solana, Substrate). A reply keeps its raw bytes so a bad one can be
 * dead-lettered as received; an error object is returned, not thrown, because some errors are normal answers
 * (Solana's "slot was skipped").
 *
 * <pre>{@code
 * JsonRpcClient rpc = new JsonRpcClient(http, "/");
 * JsonRpcClient.Reply reply = rpc.call("chain_getBlockHash", List.of(123), "adapter:subtensor:chain_getBlockHash", 123);
 * String hash = reply.result().asText();
 * }</pre>
 */
public final class JsonRpcClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonHttpClient http;
  private final String path;
  private final AtomicLong ids = new AtomicLong();

  public JsonRpcClient(JsonHttpClient http, String path) {
    this.http = http;
    this.path = path;
  }

  /**
   * Calls {@code method}; {@code source} and {@code height} name the call in a dead letter.
   *
   * @throws MalformedPayloadException when the reply is not a JSON-RPC response
   */
  public Reply call(String method, List<?> params, String source, long height)
      throws SourceUnavailableException, InterruptedException, MalformedPayloadException {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0");
    request.put("id", ids.incrementAndGet());
    request.put("method", method);
    ArrayNode array = request.putArray("params");
    params.forEach(p -> array.add(JSON.valueToTree(p)));
    byte[] raw;
    try {
      raw = http.post(path, JSON.writeValueAsBytes(request));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON-RPC request", e);
    }
    JsonNode reply = Json.parse(raw, source, height);
    JsonNode error = reply.get("error");
    if (error != null && !error.isNull()) {
      return new Reply(raw, null, error.path("code").asInt(), error.path("message").asText(""));
    }
    if (!reply.has("result")) {
      throw new MalformedPayloadException(MalformedPayloadException.Problem.MISSING_FIELD, source, height, raw,
          "JSON-RPC reply has neither result nor error");
    }
    return new Reply(raw, reply.get("result"), null, null);
  }

  /**
   * One JSON-RPC reply.
   *
   * @param raw          the body as received
   * @param result       the result (may be JSON null), null when the reply is an error
   * @param errorCode    error code, null on success
   * @param errorMessage error message, null on success
   */
  public record Reply(byte[] raw, JsonNode result, Integer errorCode, String errorMessage) {
    public boolean isError() {
      return errorCode != null;
    }

    /** The error as a dead-letter cause, for callers that do not expect any error. */
    public MalformedPayloadException asFailure(String source, long height) {
      return new MalformedPayloadException(MalformedPayloadException.Problem.RPC_ERROR, source, height, raw,
          "JSON-RPC error " + errorCode + ": " + errorMessage);
    }
  }
}
