package io.ledgermind.cli.clickhouse;

import io.ledgermind.schemas.stack.StackEnvFile;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line without a server: options, defaults from the env file, errors. */
class ClickHouseCommandTest {
  @TempDir Path home;

  @Test
  void helpListsTheSubcommandsAndOptions() {
    Run help = run(null, "migrate", "--help");
    assertThat(help.exitCode).isZero();
    assertThat(help.out).contains("--url", "--database", "--user", "--password", "LEDGERMIND_CLICKHOUSE_URL",
        "Default: ledgermind");
    assertThat(run(null, "--help").out).contains("migrate", "status");
  }

  @Test
  void requiresASubcommand() {
    Run bare = run(null);
    assertThat(bare.exitCode).isEqualTo(2);
    assertThat(bare.err).contains("missing subcommand");
  }

  @Test
  void envFileIsInTheStackDirOrUnderTheHome() {
    assertThat(StackEnvFile.path("/srv/stack", "/ignored")).isEqualTo(Path.of("/srv/stack/stack.env"));
    assertThat(StackEnvFile.path(null, "/repo")).isEqualTo(Path.of("/repo/.stack/stack.env"));
    assertThat(StackEnvFile.path(" ", "/repo")).isEqualTo(Path.of("/repo/.stack/stack.env"));
  }

  @Test
  void readsTheUrlAndCredentialsFromTheEnvFile() throws IOException {
    Path env = home.resolve("stack.env");
    Files.writeString(env, "# comment\nLEDGERMIND_CLICKHOUSE_URL=http://127.0.0.1:9\n"
        + "export LEDGERMIND_CLICKHOUSE_USER=\"loader\"\nLEDGERMIND_CLICKHOUSE_PASSWORD='s3cret-from-file'\n");
    ConnectionOptions options = new ConnectionOptions();
    options.envFile = env;
    assertThat(options.resolvedUrl()).isEqualTo("http://127.0.0.1:9");
    assertThat(StackEnvFile.read(env))
        .containsEntry("LEDGERMIND_CLICKHOUSE_USER", "loader")
        .containsEntry("LEDGERMIND_CLICKHOUSE_PASSWORD", "s3cret-from-file");
    options.url = "http://example.invalid:8123";
    assertThat(options.resolvedUrl()).isEqualTo("http://example.invalid:8123");
  }

  @Test
  void failsWithTheStartCommandWhenNoUrlIsKnown() {
    Run run = run(home.resolve("missing.env"), "migrate");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("no --url given", "missing.env", "./ledgermind stack up");
  }

  @Test
  void rejectsAnInvalidDatabaseName() {
    Run run = run(null, "migrate", "--url", "http://127.0.0.1:9", "--database", "bad-name");
    assertThat(run.exitCode).isEqualTo(2);
    assertThat(run.err).contains("--database", "bad-name");
  }

  @Test
  void neverPrintsThePassword() {
    // Port 9 (discard) refuses the connection: the command fails, and its messages must not leak the password.
    Run run = run(null, "migrate", "--url", "http://127.0.0.1:9", "--user", "loader", "--password", "hunter2-secret");
    assertThat(run.exitCode).isEqualTo(1);
    assertThat(run.err).contains("clickhouse migrate failed", "http://127.0.0.1:9");
    assertThat(run.out + run.err).doesNotContain("hunter2-secret");
  }

  private Run run(Path envFile, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = new CommandLine(new ClickHouseCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    Path file = envFile != null ? envFile : home.resolve("none.env");
    // Point every subcommand's ConnectionOptions at the test's env file, never the real stack's.
    for (CommandLine sub : commandLine.getSubcommands().values()) {
      sub.getCommandSpec().mixins().values().forEach(mixin -> {
        if (mixin.userObject() instanceof ConnectionOptions options) {
          options.envFile = file;
        }
      });
    }
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private record Run(int exitCode, String out, String err) {}
}
