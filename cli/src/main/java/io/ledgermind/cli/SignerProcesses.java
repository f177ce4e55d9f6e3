package io.ledgermind.cli;

import io.ledgermind.schemas.stack.StackEnvFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signer processes of the local oracle, one JVM per dev account, started by {@code ledgermind run} and stopped by it
 * again. Each runs {@code ledgermind oracle signer --dev-account N} on this JVM's class path and derives its own key
 * from the local stack's dev mnemonic: no key is passed on a command line or through a pipe.
 */
final class SignerProcesses {
  /** A started signer: its process and log. */
  record Handle(int account, Process process, Path log) {
    long pid() {
      return process.pid();
    }
  }

  private final Path stackEnvFile;
  private final Path deploymentFile;
  private final String topicPrefix;
  private final Path logDir;

  /** @param stackEnvFile the stack the signers use: its Kafka, chain and dev mnemonic */
  SignerProcesses(Path stackEnvFile, Path deploymentFile, String topicPrefix, Path logDir) {
    this.stackEnvFile = stackEnvFile;
    this.deploymentFile = deploymentFile;
    this.topicPrefix = topicPrefix;
    this.logDir = logDir;
  }

  /** Starts signers for dev accounts 1..n and waits until each reads its topics (or fails with its log's tail). */
  List<Handle> start(int n) throws IOException, InterruptedException {
    Files.createDirectories(logDir);
    List<Handle> started = new ArrayList<>();
    try {
      for (int account = 1; account <= n; account++) {
        started.add(startOne(account));
      }
      // Ctrl-C of the run must not leave signer processes behind: the hook ends them when the JVM exits first.
      Thread hook = new Thread(() -> started.forEach(h -> h.process().destroyForcibly()), "stop-oracle-signers");
      Runtime.getRuntime().addShutdownHook(hook);
      for (Handle h : started) {
        awaitReady(h);
      }
      return started;
    } catch (IOException | InterruptedException | RuntimeException e) {
      stop(started);
      throw e;
    }
  }

  private Handle startOne(int account) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
        "-Dledgermind.log.oracle=INFO", "-Dledgermind.home=" + Ledgermind.home(), "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
        "-cp", System.getProperty("java.class.path"), Ledgermind.class.getName(),
        "oracle", "signer", "--dev-account", Integer.toString(account), "--deployment", deploymentFile.toString()));
    if (!topicPrefix.isEmpty()) {
      command.add("--topic-prefix");
      command.add(topicPrefix);
    }
    Path log = logDir.resolve("oracle-signer-" + account + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
    builder.environment().put(StackEnvFile.STACK_DIR_VARIABLE, stackEnvFile.toAbsolutePath().getParent().toString());
    Process process = builder.start();
    return new Handle(account, process, log);
  }

  private static void awaitReady(Handle h) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String text = Files.exists(h.log()) ? Files.readString(h.log()) : "";
      if (text.contains(" started: feeds")) {
        return;
      }
      if (!h.process().isAlive()) {
        throw new IOException("signer of dev account " + h.account() + " exited with " + h.process().exitValue()
            + "; its log " + h.log() + " ends with:\n" + tail(text));
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new IOException("signer of dev account " + h.account() + " not ready after 90 s; see " + h.log());
  }

  /** Stops the given signers (SIGTERM: each finishes its loop and logs its counts), then kills any still running. */
  static void stop(List<Handle> handles) throws InterruptedException {
    handles.forEach(h -> h.process().destroy());
    for (Handle h : handles) {
      if (!h.process().waitFor(10, TimeUnit.SECONDS)) {
        h.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static String tail(String text) {
    String[] lines = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 15), lines.length));
  }
}
