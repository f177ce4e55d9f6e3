package io.ledgermind.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The real PyTorch native library loads with no network at all and computes. Any attempt to open a URL connection
 * goes through a proxy selector that records it and hands back a dead proxy, so a download attempt would both fail
 * and be seen.
 */
class DjlRuntimeITCase {
  private static final List<URI> ATTEMPTED = new CopyOnWriteArrayList<>();
  private static ProxySelector original;

  @BeforeAll
  static void forbidNetwork() {
    original = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<java.net.Proxy> select(URI uri) {
            ATTEMPTED.add(uri);
            return List.of(new java.net.Proxy(java.net.Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", 9)));
          }

          @Override
          public void connectFailed(URI uri, SocketAddress sa, java.io.IOException ioe) {}
        });
  }

  @AfterAll
  static void restoreNetwork() {
    ProxySelector.setDefault(original);
  }

  @Test
  void loadsPyTorchOfflineAndMultipliesMatrices() {
    assertThat(DjlRuntime.engine().getEngineName()).isEqualTo("PyTorch");
    assertThat(DjlRuntime.engine().getVersion()).startsWith("2.5.1");

    try (NDManager manager = NDManager.newBaseManager(DjlRuntime.preferredDevice())) {
      NDArray a = manager.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
      NDArray b = manager.create(new float[] {5, 6, 7, 8}, new ai.djl.ndarray.types.Shape(2, 2));
      NDArray product = a.matMul(b);

      assertThat(product.getDataType()).isEqualTo(DataType.FLOAT32);
      assertThat(product.toFloatArray()).containsExactly(19f, 22f, 43f, 50f);
    }
    assertThat(ATTEMPTED).as("URLs DJL tried to open").isEmpty();
  }

  @Test
  void honoursSingleThreadSettingForTests() {
    DjlRuntime.engine();
    assertThat(System.getProperty(DjlRuntime.THREADS_PROPERTY)).isEqualTo("1");
    assertThat(DjlRuntime.describe()).startsWith("PyTorch 2.5.1 on ");
  }

  /**
   * A fresh JVM (the engine starts once per JVM) with every WARN printed: starting the engine logs none. On a host
   * without an NVIDIA driver DJL must not load the CUDA runtime in process; there it used to log "Failed to detect
   * GPU count: CUDA driver version is insufficient for CUDA runtime version (35)" twice wherever a CUDA toolkit sat
   * in the library path (as on the build box). The child's own WARN proves warnings would be seen.
   */
  @Test
  void startsWithoutAnyWarningInAFreshJvm(@TempDir Path dir) throws Exception {
    Path log4j = dir.resolve("log4j2.properties");
    Files.writeString(log4j, String.join("\n", "appender.err.type = Console", "appender.err.name = err",
        "appender.err.target = SYSTEM_ERR", "appender.err.layout.type = PatternLayout",
        "appender.err.layout.pattern = %p %c{1} - %m%n", "rootLogger.level = WARN",
        "rootLogger.appenderRef.err.ref = err"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dlog4j2.configurationFile=" + log4j, "-Dai.djl.pytorch.num_threads=1",
        "-Dai.djl.pytorch.num_interop_threads=1", EngineStart.class.getName()).redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).as(output).isZero();
    assertThat(output).contains("WARN DjlRuntimeITCase - warnings are printed");
    assertThat(output.lines().filter(line -> line.startsWith("WARN ")))
        .as("warnings of the engine start").containsExactly("WARN DjlRuntimeITCase - warnings are printed");
    if (!NvidiaDriver.mayBePresent()) {
      assertThat(output).contains("engine PyTorch 2.5.1 on cpu() (0 GPUs)", "fork=true");
    }
  }

  /** Starts the engine in a JVM of its own. */
  public static final class EngineStart {
    private EngineStart() {}

    public static void main(String[] args) throws IOException {
      LoggerFactory.getLogger(DjlRuntimeITCase.class).warn("warnings are printed");
      System.out.println("engine " + DjlRuntime.describe());
      System.out.println("fork=" + System.getProperty(DjlRuntime.CUDA_FORK_PROPERTY));
    }
  }
}
