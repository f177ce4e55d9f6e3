package io.ledgermind.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ledgermind stack ...}: the local stack (Kafka, ClickHouse, anvil as local processes). The work is done by
 * {@code deploy/local/stack.sh}, which must also run before any Java is built; this command only forwards to it so
 * that {@code ledgermind --help} lists it with the rest.
 */
@Command(
    name = "stack",
    mixinStandardHelpOptions = true,
    description = "Install, start, stop and inspect the local stack (Kafka, ClickHouse, anvil).",
    footer = {"", "Actions: up | down [--purge] | status | logs [service] | env (see deploy/local/stack.sh --help)"})
final class StackCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "ACTION", description = "up, down, status, logs, env, and their options")
  List<String> arguments = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    return runStackScript(arguments);
  }

  /** Runs deploy/local/stack.sh with the terminal attached; returns its exit code. */
  static int runStackScript(List<String> arguments) throws Exception {
    Path script = Ledgermind.home().resolve("deploy/local/stack.sh");
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException("stack script not found at " + script + " (is ledgermind.home right?)");
    }
    List<String> command = new ArrayList<>(List.of("bash", script.toString()));
    command.addAll(arguments);
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }
}
