package io.ledgermind.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledgermind run}: the main job on the local default stack. Until the intelligence pipeline lands this is the
 * platform smoke run: events through Kafka into a Flink job that writes ClickHouse, and one transaction on anvil.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the main job on the local default stack (starting the stack if needed).",
      "%nToday this is the platform smoke run: it produces events to Kafka (plus deliberately malformed ones), runs a"
          + " Flink job that writes them to ClickHouse and dead-letters the bad ones, sends one transaction to anvil,"
          + " prints a summary and leaves the stack running."
    })
final class RunCommand implements Callable<Integer> {
  @Option(names = "--events", defaultValue = "10000", description = "Valid events to produce (default: ${DEFAULT-VALUE}).")
  int events;

  @Option(names = "--malformed", defaultValue = "2", description = "Malformed records to mix in (default: ${DEFAULT-VALUE}).")
  int malformed;

  @Option(names = "--topic", defaultValue = "ledgermind.smoke.events", description = "Kafka topic (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--database", defaultValue = "ledgermind", description = "ClickHouse database (default: ${DEFAULT-VALUE}).")
  String database;

  @Option(names = "--no-stack-up", description = "Do not run `stack up` first (use a stack that is already running).")
  boolean noStackUp;

  @Override
  public Integer call() throws Exception {
    if (events < 1 || malformed < 0) {
      System.err.println("--events must be >= 1 and --malformed >= 0");
      return 2;
    }
    if (!noStackUp) {
      System.out.println("[1/5] Local stack: deploy/local/stack.sh up");
      int code = StackCommand.runStackScript(List.of("up"));
      if (code != 0) {
        System.err.println("The local stack did not start (exit " + code + "); see the messages above.");
        return code;
      }
    } else {
      System.out.println("[1/5] Local stack: using the running stack (--no-stack-up)");
    }
    StackEnv env = StackEnv.load(StackEnv.defaultFile(Ledgermind.home()));
    SmokeRun.Summary summary = new SmokeRun(env, topic, database).run(events, malformed);
    summary.print(System.out);
    System.out.println();
    System.out.println("The stack is still running for you to look at:");
    System.out.println("  ./ledgermind stack status");
    System.out.println("  ./ledgermind topics tail " + topic + " --from-beginning --max-records 3");
    System.out.println("  ./ledgermind clickhouse status");
    System.out.println("  curl -s '" + env.clickHouseUrl() + "/?query=SELECT+count()+FROM+" + database
        + ".smoke_events+FINAL'");
    System.out.println("Stop it with: ./ledgermind stack down");
    return summary.reconciles() ? 0 : 1;
  }
}
