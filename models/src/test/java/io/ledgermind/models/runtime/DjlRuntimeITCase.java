package io.ledgermind.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
}
