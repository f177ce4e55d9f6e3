package io.ledgermind.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * deploy/local/stack.sh on the running local stack: a second {@code up} keeps the same processes, and
 * {@code status} reports every service ready. (Stopping and restarting is left to the script's own checks: doing it
 * here would pull the stack from under the other test classes.)
 */
class LocalStackScriptITCase {
  private static final Pattern STATUS_LINE =
      Pattern.compile("^(\\w+)\\s+running\\s+pid (\\d+)\\s+.*ready (yes|no)$", Pattern.MULTILINE);
  private static Path script;

  @BeforeAll
  static void requireLocalStack() {
    StackEndpoints endpoints = TestStack.endpoints();
    // Visible in the report, and only where Testcontainers runs the stack instead of the script.
    assumeTrue(endpoints.origin().startsWith("env file"), "the stack was not started by deploy/local/stack.sh");
    script = Path.of(System.getProperty("ledgermind.home", "..")).resolve("deploy/local/stack.sh");
    assertThat(script).isRegularFile();
  }

  @Test
  void upTwiceKeepsOneStackWithTheSameProcesses() throws Exception {
    Result before = run("status");
    assertThat(before.exitCode()).as(before.output()).isZero();
    List<String> pidsBefore = pids(before.output());
    assertThat(pidsBefore).hasSize(3);

    Result up = run("up");
    assertThat(up.exitCode()).as(up.output()).isZero();
    assertThat(up.output()).contains("kafka already running", "clickhouse already running", "anvil already running");

    Result after = run("status");
    assertThat(pids(after.output())).isEqualTo(pidsBefore);
    assertThat(STATUS_LINE.matcher(after.output()).results().map(m -> m.group(3))).containsOnly("yes");
  }

  @Test
  void rejectsUnknownCommandsWithUsage() throws Exception {
    Result result = run("sideways");
    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.output()).contains("Usage:", "up", "down");
  }

  private static List<String> pids(String statusOutput) {
    return STATUS_LINE.matcher(statusOutput).results().map(m -> m.group(1) + "=" + m.group(2)).toList();
  }

  private static Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("bash", script.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private record Result(int exitCode, String output) {}
}
