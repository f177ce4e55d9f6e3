package io.ledgermind.oracle.transmit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The node becomes unreachable (connections refused) while a report is due; the transmitter retries and publishes
 * once it is back, exactly once. The outage lasts {@code -Doracle.outage.seconds} (default 10 s to keep CI short;
 * the 30 s passes the same way: the RPC tolerance is 60 s).
 */
class TransmitterRpcOutageITCase {
  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  static final List<String> FEEDS = List.of("USDC/net_flow");
  static OracleHarness harness;
  static FlakyProxy proxy;

  @BeforeAll
  static void start() throws Exception {
    harness = new OracleHarness(CHAIN, KAFKA, null, FEEDS);
    harness.startSigners(1, 2, 3);
    URI rpc = URI.create(CHAIN.rpcUrl());
    proxy = new FlakyProxy(rpc.getHost(), rpc.getPort());
    String viaProxy = "http://127.0.0.1:" + proxy.port();
    harness.startTransmitter(harness.transmitterConfig(viaProxy, FeePolicy.localDefaults()), viaProxy,
        CrashPoints.none());
  }

  @AfterAll
  static void stop() throws Exception {
    if (harness != null) {
      harness.close();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void publishesAfterTheNodeComesBack() throws Exception {
    Instant t = harness.chainNow().minusSeconds(1);
    harness.produce(harness.request("USDC/net_flow", 1, 100_000_000L, t));
    OracleHarness.await("round 1", Duration.ofSeconds(30), () -> latest() == 1);

    long outageSeconds = Long.getLong("oracle.outage.seconds", 10);
    proxy.down();
    harness.produce(harness.request("USDC/net_flow", 2, 101_000_000L, harness.chainNow()));
    Thread.sleep(outageSeconds * 1000);
    assertThat(latest()).as("nothing published while the node is unreachable").isEqualTo(1);
    proxy.up();
    long back = System.nanoTime();
    OracleHarness.await("round 2 after the outage", Duration.ofSeconds(30), () -> latest() == 2);
    System.out.printf("outage %d s: published %d ms after the node came back%n", outageSeconds,
        (System.nanoTime() - back) / 1_000_000);
    assertThat(harness.publishedRounds()).hasSize(2).doesNotHaveDuplicates();
  }

  static long latest() {
    try {
      return harness.latestRounds().get("USDC/net_flow");
    } catch (IOException e) {
      return -1;
    }
  }

  /** A TCP forwarder that can refuse connections (closes its listening socket and every open connection). */
  static final class FlakyProxy implements AutoCloseable {
    private final String host;
    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    FlakyProxy(String host, int targetPort) throws IOException {
      this.host = host;
      this.targetPort = targetPort;
      ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      this.port = s.getLocalPort();
      listen(s);
    }

    int port() {
      return port;
    }

    synchronized void down() throws IOException {
      server.close();
      for (Socket s : open) {
        s.close();
      }
      open.clear();
    }

    synchronized void up() throws IOException {
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      listen(s);
    }

    private void listen(ServerSocket s) {
      server = s;
      Thread acceptor = new Thread(() -> {
        while (!s.isClosed()) {
          try {
            Socket client = s.accept();
            Socket upstream = new Socket(host, targetPort);
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
          } catch (IOException e) {
            // closed: outage
          }
        }
      }, "flaky-proxy-accept");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    private void pipe(Socket from, Socket to) {
      Thread t = new Thread(() -> {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
          in.transferTo(out);
        } catch (IOException e) {
          // connection closed
        } finally {
          try {
            from.close();
            to.close();
          } catch (IOException ignored) {
            // already closed
          }
        }
      }, "flaky-proxy-pipe");
      t.setDaemon(true);
      t.start();
    }

    @Override
    public void close() throws IOException {
      down();
    }
  }
}
