package io.ledgermind.ingest.depin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server on 127.0.0.1 that answers with fixtures: GETs by path and query ({@code GET /block?height=1}),
 * JSON-RPC POSTs by method and first parameter ({@code POST getBlock 312456789}, {@code POST chain_getHeader}).
 * Scripted failures (status, Retry-After) can precede the answer; every request is counted.
 */
public final class FixtureServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
  private final Map<String, Deque<Integer>> failures = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  public FixtureServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answer {@code route} with {@code body} (status 200). */
  public FixtureServer answer(String route, byte[] body) {
    answers.put(route, body);
    return this;
  }

  /** The next requests on {@code route} fail with these statuses, in order, before the answer is served. */
  public FixtureServer failFirst(String route, int... statuses) {
    Deque<Integer> queue = failures.computeIfAbsent(route, r -> new ArrayDeque<>());
    for (int status : statuses) {
      queue.add(status);
    }
    return this;
  }

  /** Requests received on {@code route}, failed ones included. */
  public int hits(String route) {
    AtomicInteger count = hits.get(route);
    return count == null ? 0 : count.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String route = route(exchange);
      hits.computeIfAbsent(route, r -> new AtomicInteger()).incrementAndGet();
      Deque<Integer> queue = failures.get(route);
      Integer failure = queue == null ? null : queue.poll();
      if (failure != null) {
        if (failure == 429) {
          exchange.getResponseHeaders().add("Retry-After", "0");
        }
        respond(exchange, failure, ("{\"error\":\"scripted " + failure + "\"}").getBytes());
        return;
      }
      byte[] body = answers.get(route);
      if (body == null) {
        respond(exchange, 404, ("no fixture for " + route).getBytes());
      } else {
        respond(exchange, 200, body);
      }
    }
  }

  private static String route(HttpExchange exchange) throws IOException {
    if (exchange.getRequestMethod().equals("GET")) {
      return "GET " + exchange.getRequestURI();
    }
    JsonNode request = JSON.readTree(exchange.getRequestBody().readAllBytes());
    JsonNode first = request.path("params").path(0);
    return "POST " + request.path("method").asText() + (first.isNumber() ? " " + first.asText() : "");
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
