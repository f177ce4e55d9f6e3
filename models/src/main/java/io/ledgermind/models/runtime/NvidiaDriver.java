package io.ledgermind.models.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Whether this host has an NVIDIA kernel driver, the one thing every CUDA use needs. Checked before DJL starts so a
 * host without one never has DJL probe CUDA in process (see {@link DjlRuntime#engine}).
 *
 * <p>On Linux the loaded driver shows {@code /proc/driver/nvidia/version} (kernel-wide, so visible in containers
 * too) and {@code /dev/nvidiactl}. Elsewhere the answer is "unknown", treated as present: DJL then probes as it always
 * did.
 */
final class NvidiaDriver {
  static final List<Path> LINUX_MARKERS = List.of(Path.of("/proc/driver/nvidia/version"), Path.of("/dev/nvidiactl"));

  private NvidiaDriver() {}

  /** False only when the host certainly has no NVIDIA driver. */
  static boolean mayBePresent() {
    return mayBePresent(System.getProperty("os.name", ""), Files::exists);
  }

  static boolean mayBePresent(String osName, Predicate<Path> exists) {
    if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
      return true;
    }
    return LINUX_MARKERS.stream().anyMatch(exists);
  }
}
