package io.ledgermind.models.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * Start-up of the PyTorch engine under the settings Ledgermind always wants, whatever the caller forgot:
 *
 * <ul>
 *   <li>offline: the native library comes from the {@code pytorch-native-*} jar on the class path, never from a
 *       download (production hosts and CI reach no model hub);
 *   <li>no usage tracking, which otherwise probes a cloud metadata address at start-up;
 *   <li>explicit intra-/inter-op thread counts (default 1/1), because PyTorch's default of one thread per core
 *       collapses when Flink task threads compete for the same cores.
 * </ul>
 *
 * <p>The settings are JVM system properties read once when the engine first loads, so {@link #engine} must run
 * before anything else touches DJL.
 */
public final class DjlRuntime {
  public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
  public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

  private DjlRuntime() {}

  /** Loads (once) and returns the PyTorch engine. */
  public static synchronized Engine engine() {
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    System.setProperty(THREADS_PROPERTY, System.getProperty(THREADS_PROPERTY, "1"));
    System.setProperty(INTEROP_THREADS_PROPERTY, System.getProperty(INTEROP_THREADS_PROPERTY, "1"));
    return Engine.getEngine("PyTorch");
  }

  /** CUDA device 0 when the engine sees a GPU, else the CPU. */
  public static Device preferredDevice() {
    Engine engine = engine();
    return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** One line for logs and the CLI, e.g. {@code PyTorch 2.5.1 on cpu (0 GPUs)}. */
  public static String describe() {
    Engine engine = engine();
    return engine.getEngineName() + " " + engine.getVersion() + " on " + preferredDevice() + " ("
        + engine.getGpuCount() + " GPUs)";
  }
}
