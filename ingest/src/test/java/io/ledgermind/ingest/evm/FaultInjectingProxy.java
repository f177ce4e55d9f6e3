package io.ledgermind.ingest.evm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON-RPC proxy on 127.0.0.1 in front of anvil that misbehaves on a fixed schedule: HTTP 429s, responses cut in
 * half (truncated JSON), answers slower than the client's timeout, eth_getLogs ranges above {@value #MAX_LOG_RANGE}
 * blocks refused as too large, and once a log whose data was mangled. Bounded:
 * it only forwards to the given loopback node and stops with the test.
 */
final class FaultInjectingProxy implements AutoCloseable {
  private static final Pattern FIRST_LOG_DATA = Pattern.compile("(\"data\":\")(0x[0-9a-fA-F]+)(\")");

  private final HttpServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  private final URI upstream;
  private final long slowMillis;
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger tooManyRequests = new AtomicInteger();
  final AtomicInteger truncated = new AtomicInteger();
  final AtomicInteger slow = new AtomicInteger();
  final AtomicBoolean mangledOneLog = new AtomicBoolean();
  final AtomicInteger refusedRanges = new AtomicInteger();
  private static final Pattern LOG_RANGE =
      Pattern.compile("\"fromBlock\":\"0x([0-9a-f]+)\",\"toBlock\":\"0x([0-9a-f]+)\"");
  /** eth_getLogs over more blocks than this is refused the way Infura/geth word it. */
  private static final long MAX_LOG_RANGE = 3;

  FaultInjectingProxy(String upstreamUrl, long slowMillis) throws IOException {
    this.upstream = URI.create(upstreamUrl);
    this.slowMillis = slowMillis;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] request = exchange.getRequestBody().readAllBytes();
    int n = requests.incrementAndGet();
    try {
      if (n % 4 == 1) {
        tooManyRequests.incrementAndGet();
        reply(exchange, 429, "Too Many Requests".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String requestText = new String(request, StandardCharsets.UTF_8);
      Matcher range = LOG_RANGE.matcher(requestText);
      if (requestText.contains("eth_getLogs") && range.find()
          && Long.parseLong(range.group(2), 16) - Long.parseLong(range.group(1), 16) + 1 > MAX_LOG_RANGE) {
        refusedRanges.incrementAndGet();
        String id = requestText.replaceAll("(?s).*\"id\":(\\d+).*", "$1");
        reply(exchange, 200, ("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":-32005,"
            + "\"message\":\"query returned more than 10000 results\"}}").getBytes(StandardCharsets.UTF_8));
        return;
      }
      if (n % 9 == 3) {
        slow.incrementAndGet();
        Thread.sleep(slowMillis);
      }
      HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(upstream)
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      byte[] body = response.body();
      String text = new String(body, StandardCharsets.UTF_8);
      if (new String(request, StandardCharsets.UTF_8).contains("eth_getLogs") && text.contains("\"data\":\"0x")
          && mangledOneLog.compareAndSet(false, true)) {
        Matcher m = FIRST_LOG_DATA.matcher(text);
        body = m.replaceFirst("$10x1234$3").getBytes(StandardCharsets.UTF_8);
      } else if (n % 6 == 2) {
        truncated.incrementAndGet();
        body = java.util.Arrays.copyOf(body, body.length / 2);
      }
      reply(exchange, response.statusCode(), body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reply(exchange, 502, new byte[0]);
    } catch (IOException e) {
      // The client gave up (timeout) or anvil failed: nothing sensible to send.
      exchange.close();
    }
  }

  private static void reply(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
