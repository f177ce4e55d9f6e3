package io.ledgermind.models.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import io.ledgermind.models.InferenceOptions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Start-up of the PyTorch engine under the settings Ledgermind always wants, whatever the caller forgot:
 *
 * <ul>
 *   <li>offline: the native library comes from the {@code pytorch-native-*} jar on the class path, never from a
 *       download (production hosts and CI reach no model hub);
 *   <li>no usage tracking, which otherwise probes a cloud metadata address at start-up;
 *   <li>explicit intra-/inter-op thread counts (default 1/1), because PyTorch's default of one thread per core
 *       collapses when Flink task threads compete for the same cores;
 *   <li>no in-process CUDA probe on a host without an NVIDIA driver (below).
 * </ul>
 *
 * <p><b>CUDA probe.</b> While it loads the engine, DJL's platform detection asks the CUDA runtime for the GPU count
 * ({@code CudaUtils.getGpuCount}, twice: once for the system platform, once for the bundled native jar), whatever
 * native flavour is on the class path. It loads {@code libcudart} through the dynamic linker, so a host with a CUDA
 * toolkit in its library path but no NVIDIA driver (a build image, CI) answers {@code cudaGetDeviceCount} with
 * error 35 "CUDA driver version is insufficient for CUDA runtime version", which DJL logs as a WARN each time. When
 * {@link NvidiaDriver} finds no driver there can be no GPU, so the engine starts with DJL's
 * {@code ai.djl.util.cuda.fork=true}: DJL then never loads the CUDA runtime in this JVM and takes the GPU count from
 * one child JVM (DJL's {@code CudaUtils.main}, which prints only the count: DJL keeps its own logging off there, and
 * the error it would report is the missing driver we already know of; about a second, once per JVM).
 * With a driver present nothing changes: DJL probes in process, and the {@code -Pgpu} build finds its GPU as before.
 * An explicit {@code -Dai.djl.util.cuda.fork} is left as given.
 *
 * <p>The settings are JVM system properties read once when the engine first loads, so {@link #engine} (or
 * {@link #configureThreads}) must run before anything else touches DJL.
 */
public final class DjlRuntime {
  public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";
  public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";
  /** DJL: read the GPU count in a child JVM instead of loading the CUDA runtime here. */
  static final String CUDA_FORK_PROPERTY = "ai.djl.util.cuda.fork";
  private static volatile boolean started;
  private static final ThreadLocal<Boolean> PREPARED = ThreadLocal.withInitial(() -> false);
  private static volatile MethodHandle setNumThreads;
  private static volatile MethodHandle setGradMode;

  private DjlRuntime() {}

  /**
   * Sets the intra-/inter-op thread counts the engine will start with. Only effective before the engine starts
   * (PyTorch reads them once); afterwards it fails if the request differs from what is running.
   */
  public static synchronized void configureThreads(int intraOp, int interOp) {
    if (started) {
      if (intraOpThreads() != intraOp || Integer.getInteger(INTEROP_THREADS_PROPERTY, 1) != interOp) {
        throw new IllegalStateException("PyTorch already started with " + intraOpThreads() + "/"
            + Integer.getInteger(INTEROP_THREADS_PROPERTY, 1) + " threads; cannot switch to " + intraOp + "/"
            + interOp + " in this JVM (set -D" + THREADS_PROPERTY + " at start-up)");
      }
      return;
    }
    System.setProperty(THREADS_PROPERTY, String.valueOf(intraOp));
    System.setProperty(INTEROP_THREADS_PROPERTY, String.valueOf(interOp));
  }

  /** Loads (once) and returns the PyTorch engine. */
  public static synchronized Engine engine() {
    if (!started) {
      System.setProperty("ai.djl.offline", "true");
      System.setProperty("OPT_OUT_TRACKING", "true");
      System.setProperty(THREADS_PROPERTY, System.getProperty(THREADS_PROPERTY, "1"));
      System.setProperty(INTEROP_THREADS_PROPERTY, System.getProperty(INTEROP_THREADS_PROPERTY, "1"));
      if (System.getProperty(CUDA_FORK_PROPERTY) == null && !NvidiaDriver.mayBePresent()) {
        System.setProperty(CUDA_FORK_PROPERTY, "true");
      }
    }
    Engine engine = Engine.getEngine("PyTorch");
    started = true;
    return engine;
  }

  /**
   * Prepares the calling thread for inference, once per thread: autograd off and the intra-op thread count
   * applied. Both are thread-local in PyTorch and DJL sets them only on the thread that starts the engine. Any other
   * thread (a Flink task, a pool worker) would otherwise record autograd graphs on every call (memory and time)
   * and take a different kernel path: measured here, the same input forecast on a second thread differed from the
   * starting thread's result in the last bits until grad mode was switched off. Training is unaffected: DJL's
   * gradient collector switches grad mode on for its scope and off again when it closes.
   */
  public static void prepareThread() {
    if (PREPARED.get()) {
      return;
    }
    engine();
    try {
      if (setGradMode == null) {
        // pytorch-engine is a runtime dependency (the API stays engine-neutral), hence the reflective look-up.
        Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
        setNumThreads = MethodHandles.publicLookup().findStatic(jni, "setNumThreads",
            MethodType.methodType(void.class, int.class));
        setGradMode = MethodHandles.publicLookup().findStatic(jni, "setGradMode",
            MethodType.methodType(void.class, boolean.class));
      }
      setGradMode.invoke(false);
      setNumThreads.invoke(intraOpThreads());
    } catch (Throwable e) {
      throw new IllegalStateException("cannot prepare PyTorch on " + Thread.currentThread(), e);
    }
    PREPARED.set(true);
  }

  /** Intra-op threads the engine runs (or will run) with. */
  public static int intraOpThreads() {
    return Integer.getInteger(THREADS_PROPERTY, 1);
  }

  /** CUDA device 0 when the engine sees a GPU, else the CPU. */
  public static Device preferredDevice() {
    Engine engine = engine();
    return engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
  }

  /** The device to run on under the given options; fails when a GPU is demanded and absent. */
  public static Device device(InferenceOptions options) {
    return switch (options.device()) {
      case CPU -> Device.cpu();
      case AUTO -> preferredDevice();
      case GPU -> {
        if (engine().getGpuCount() == 0) {
          throw new IllegalStateException("InferenceOptions demand a GPU but PyTorch sees none (CPU natives on the"
              + " class path? build with -Pgpu)");
        }
        yield Device.gpu();
      }
    };
  }

  /** Checks what deterministic mode needs from the running engine. */
  public static void checkDeterministic(InferenceOptions options) {
    if (options.deterministic() && intraOpThreads() != 1) {
      throw new IllegalStateException("deterministic mode needs -D" + THREADS_PROPERTY + "=1, engine runs "
          + intraOpThreads() + " threads");
    }
  }

  /** One line for logs and the CLI, e.g. {@code PyTorch 2.5.1 on cpu (0 GPUs)}. */
  public static String describe() {
    Engine engine = engine();
    return engine.getEngineName() + " " + engine.getVersion() + " on " + preferredDevice() + " ("
        + engine.getGpuCount() + " GPUs)";
  }

  /** DJL and PyTorch versions, e.g. {@code DJL 0.33.0, PyTorch 2.5.1}, for manifests. */
  public static String describeVersions() {
    return "DJL " + Engine.getDjlVersion() + ", PyTorch " + engine().getVersion();
  }
}
