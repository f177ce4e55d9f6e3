package io.ledgermind.models.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NvidiaDriverTest {
  @Test
  void linuxWithoutTheDriversProcEntryOrDeviceHasNoDriver() {
    assertThat(NvidiaDriver.mayBePresent("Linux", path -> false)).isFalse();
  }

  @Test
  void eitherMarkerOfTheLoadedDriverCounts() {
    assertThat(NvidiaDriver.mayBePresent("Linux", Path.of("/proc/driver/nvidia/version")::equals)).isTrue();
    assertThat(NvidiaDriver.mayBePresent("Linux", Path.of("/dev/nvidiactl")::equals)).isTrue();
  }

  @Test
  void otherSystemsAreLeftToDjlsOwnProbe() {
    assertThat(NvidiaDriver.mayBePresent("Mac OS X", path -> false)).isTrue();
    assertThat(NvidiaDriver.mayBePresent("Windows 11", path -> false)).isTrue();
  }
}
