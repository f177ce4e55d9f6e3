package io.ledgermind.flink.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Drives {@code deploy/cluster/flink-cluster.sh} for a test: a real session cluster (one JobManager and N
 * TaskManager JVMs) in its own directory on free ports, submissions with {@code flink run}, and the cluster's REST
 * API. Every script call runs under a timeout and its output is kept for failure messages.
 *
 * <p>{@code
 * FlinkClusterScript cluster = FlinkClusterScript.inBuildDirectory("flink-cluster-it");
 * cluster.up(2);
 * Result run = cluster.submit(List.of("--bounded", "--topic-prefix", prefix), Duration.ofMinutes(4));
 * }
 */
public final class FlinkClusterScript {
  private static final Pattern JOB_ID = Pattern.compile("Job has been submitted with JobID ([0-9a-f]{32})");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path repo;
  private final Path directory;
  private final int restPort;
  private final int rpcPort;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

  private FlinkClusterScript(Path repo, Path directory, int restPort, int rpcPort) {
    this.repo = repo;
    this.directory = directory;
    this.restPort = restPort;
    this.rpcPort = rpcPort;
  }

  /**
   * A cluster under the module's {@code target/name-<pid>} (two builds in one working tree must not share one), on
   * two free ports; lib/ is the shared one in .stack/flink.
   */
  public static FlinkClusterScript inBuildDirectory(String name) {
    Path repo = Path.of(System.getProperty("ledgermind.home", "..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(repo.resolve("deploy/cluster/flink-cluster.sh"))) {
      throw new IllegalStateException("no deploy/cluster/flink-cluster.sh under " + repo + " (set -Dledgermind.home)");
    }
    Path directory = Path.of("target", name + "-" + ProcessHandle.current().pid()).toAbsolutePath();
    return new FlinkClusterScript(repo, directory, freePort(), freePort());
  }

  /** The newest {@code *-job.jar} of this module (built by {@code mvn package}, before failsafe runs). */
  public static Path jobJar() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      return files.filter(f -> f.getFileName().toString().matches("ledgermind-flink-jobs-.*-job\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalStateException(
              "no target/ledgermind-flink-jobs-*-job.jar: the shade plugin runs in the package phase"))
          .toAbsolutePath();
    }
  }

  public Path directory() {
    return directory;
  }

  public void up(int taskManagers) {
    run(Duration.ofMinutes(5), "up", "--taskmanagers", Integer.toString(taskManagers)).orThrow("up");
  }

  public void down() {
    run(Duration.ofMinutes(1), "down").orThrow("down");
  }

  public void addTaskManager() {
    run(Duration.ofMinutes(3), "add-tm", "1").orThrow("add-tm");
  }

  /** SIGKILL of {@code taskmanager-index}: a crashed machine, as the JobManager sees it. */
  public void killTaskManager(int index) {
    run(Duration.ofSeconds(30), "kill-tm", Integer.toString(index)).orThrow("kill-tm");
  }

  /** {@code flink run} of the job jar with these job options (attached: returns when the job has ended). */
  public Result submit(List<String> jobOptions, Duration timeout) throws IOException {
    List<String> args = new ArrayList<>(List.of("submit", "--jar", jobJar().toString(), "--"));
    args.addAll(jobOptions);
    return run(timeout, args.toArray(String[]::new));
  }

  /** {@code flink run -d}: returns once the job is submitted. */
  public Result submitDetached(List<String> jobOptions) throws IOException {
    List<String> args = new ArrayList<>(List.of("submit", "--detached", "--jar", jobJar().toString(), "--"));
    args.addAll(jobOptions);
    return run(Duration.ofMinutes(2), args.toArray(String[]::new));
  }

  /** GET of the cluster's REST API, as JSON. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest(path)).timeout(Duration.ofSeconds(10))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("GET " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** POST of a JSON body to the cluster's REST API. */
  public JsonNode post(String path, Map<String, Object> body) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(rest(path)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("POST " + path + ": HTTP " + response.statusCode() + " " + response.body());
    }
    return JSON.readTree(response.body());
  }

  /** The last lines of every process log of this cluster, for failure messages. */
  public String logTails() {
    return run(Duration.ofSeconds(30), "logs").output();
  }

  private URI rest(String path) {
    return URI.create("http://localhost:" + restPort + path);
  }

  private Result run(Duration timeout, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", repo.resolve("deploy/cluster/flink-cluster.sh").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("LEDGERMIND_FLINK_DIR", directory.toString());
    env.put("LEDGERMIND_FLINK_REST_PORT", Integer.toString(restPort));
    env.put("LEDGERMIND_FLINK_RPC_PORT", Integer.toString(rpcPort));
    try {
      Process process = builder.start();
      ByteArrayOutputStream output = new ByteArrayOutputStream();
      Thread reader = new Thread(() -> copy(process.getInputStream(), output), "flink-cluster.sh output");
      reader.start();
      boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!ended) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      reader.join(TimeUnit.SECONDS.toMillis(10));
      String text = output.toString(StandardCharsets.UTF_8);
      return new Result(String.join(" ", args), ended ? process.exitValue() : -1, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running flink-cluster.sh " + String.join(" ", args), e);
    }
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the process was destroyed: keep what was read
    }
  }

  /**
   * A free port below Linux's ephemeral range (32768+): a port the kernel just handed out for {@code ServerSocket(0)}
   * may be handed out again, to an outgoing connection, before the JobManager binds it.
   */
  private static int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(20_000, 32_000);
      try (ServerSocket socket = new ServerSocket(port)) {
        return socket.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port in 20000-31999");
  }

  /** A script call: exit status (-1 = timed out) and output (stdout and stderr). */
  public record Result(String command, int exitCode, String output) {
    public Result orThrow(String what) {
      if (exitCode != 0) {
        throw new AssertionError("flink-cluster.sh " + what + " failed (exit " + exitCode + "):\n" + output);
      }
      return this;
    }

    /** The JobID that {@code flink run} printed. */
    public String jobId() {
      Matcher m = JOB_ID.matcher(output);
      if (!m.find()) {
        throw new AssertionError("no JobID in the output of flink-cluster.sh " + command + ":\n" + output);
      }
      return m.group(1);
    }
  }
}
