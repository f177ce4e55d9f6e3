package io.ledgermind.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledgermind run}: the main job on the local default stack. Simulated chain activity goes into the raw topics,
 * the intelligence job turns it into features, forecasts and oracle requests, and the run reconciles what went in
 * with what came out.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the main job on the local default stack (starting the stack if needed).",
      "%nPublishes simulated stablecoin, DePIN and Bittensor activity (plus deliberately malformed records) to the raw"
          + " topics, runs the intelligence job over exactly those records (feature windows, micro-batched LSTM"
          + " forecasts, anomaly flags, oracle requests; Kafka exactly once, ClickHouse idempotent), then publishes the"
          + " latest complete window of every feed on-chain (oracle deployed or reused, five signer processes, quorum"
          + " 3, the transmitter), reads each feed back through its AggregatorV3 proxy and a consumer contract, checks"
          + " in = out + dead-lettered and that every oracle request has an outcome, and leaves the stack running.",
      "%nFor a long-running job on the raw topics use `ledgermind job`."
    })
final class RunCommand implements Callable<Integer> {
  @Option(names = "--simulated-hours", defaultValue = "62",
      description = "Hours of simulated stablecoin activity; forecasts need 48 hourly windows of history"
          + " (default: ${DEFAULT-VALUE}).")
  int simulatedHours;

  @Option(names = "--subnet-days", defaultValue = "7",
      description = "Days of simulated Bittensor activity (8 of 128 subnets, one snapshot per tempo); forecasts start"
          + " after 48 tempos (58 h), so longer gives more forecasts to judge (default: ${DEFAULT-VALUE}).")
  int subnetDays;

  @Option(names = "--depin-days", defaultValue = "80",
      description = "Days of simulated DePIN activity (Render, Akash); the DePIN forecaster reads 48 daily windows, so"
          + " fewer than 49 days give no DePIN forecast (default: ${DEFAULT-VALUE}).")
  int depinDays;

  @Option(names = "--intensity", defaultValue = "0.3",
      description = "Scales stablecoin events per block (default: ${DEFAULT-VALUE}).")
  double intensity;

  @Option(names = "--seed", description = "Simulation seed (default: a new one per run, so runs never collide).")
  Long seed;

  @Option(names = "--malformed", defaultValue = "2", description = "Malformed records to mix in (default: ${DEFAULT-VALUE}).")
  int malformed;

  @Option(names = "--database", defaultValue = "ledgermind", description = "ClickHouse database (default: ${DEFAULT-VALUE}).")
  String database;

  @Option(names = "--no-stack-up", description = "Do not run `stack up` first (use a stack that is already running).")
  boolean noStackUp;

  @Override
  public Integer call() throws Exception {
    if (simulatedHours < 1 || subnetDays < 1 || depinDays < 1 || malformed < 0 || intensity <= 0) {
      System.err.println("--simulated-hours, --subnet-days and --depin-days must be >= 1, --intensity > 0 and"
          + " --malformed >= 0");
      return 2;
    }
    if (!noStackUp) {
      System.out.println("[1/6] Local stack: deploy/local/stack.sh up");
      int code = StackCommand.runStackScript(List.of("up"));
      if (code != 0) {
        System.err.println("The local stack did not start (exit " + code + "); see the messages above.");
        return code;
      }
    } else {
      System.out.println("[1/6] Local stack: using the running stack (--no-stack-up)");
    }
    StackEnv env = StackEnv.load(StackEnv.defaultFile(Ledgermind.home()));
    long runSeed = seed != null ? seed : System.currentTimeMillis() % 1_000_000_007L;
    PipelineRun.Summary summary = new PipelineRun(env, database, "",
        Ledgermind.home().resolve(".stack/oracle-deployment.json"), System.out)
        .run(runSeed, Duration.ofHours(simulatedHours), Duration.ofDays(subnetDays), Duration.ofDays(depinDays),
            intensity, malformed);
    summary.print(System.out);
    System.out.println();
    System.out.println("The stack is still running for you to look at:");
    System.out.println("  ./ledgermind topics tail ledgermind.forecasts --from-beginning --max-records 3");
    System.out.println("  ./ledgermind topics tail ledgermind.oracle.requests --from-beginning --max-records 3");
    System.out.println("  curl -s '" + env.clickHouseUrl() + "/?query=SELECT+entity,count()+FROM+" + database
        + ".forecasts+FINAL+GROUP+BY+entity'");
    System.out.println("  ./ledgermind oracle status");
    System.out.println("  ./ledgermind verify USDC/net_flow");
    System.out.println("  example queries for data teams: clickhouse/QUERIES.md");
    System.out.println("Stop it with: ./ledgermind stack down");
    return summary.reconciles() ? 0 : 1;
  }
}
