package io.ledgermind.cli.verify;

import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.flink.forecast.ForecastModels;
import io.ledgermind.flink.inference.ForecasterPredictor;
import io.ledgermind.oracle.chain.OracleDeployment;
import io.ledgermind.schemas.stack.StackEnvFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ledgermind verify FEED [--round N]}: does an on-chain round follow from its committed inputs and model? */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify an on-chain round: read its answer, model hash and inputs commitment, load the committed"
        + " feature windows from ClickHouse, recompute the commitment and re-run the model the hash names"
        + " (deterministic CPU mode).",
        "Prints MATCH, or MISMATCH naming each field that differs. Exit status: 0 MATCH, 1 MISMATCH, 2 cannot verify"
            + " (no such round, unknown model hash, missing inputs)."})
public final class VerifyCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FEED", description = "Feed name, e.g. USDC/net_flow (see .stack/oracle-deployment.json).")
  String feed;

  @Option(names = "--round", paramLabel = "N", description = "Round id (default: the feed's latest round).")
  Long round;

  @Option(names = "--deployment", paramLabel = "FILE",
      description = "Oracle deployment file (default: .stack/oracle-deployment.json of the local stack).")
  Path deploymentFile;

  @Option(names = "--database", defaultValue = "ledgermind",
      description = "ClickHouse database with the feature windows (default: ${DEFAULT-VALUE}).")
  String database;

  @Override
  public Integer call() throws Exception {
    Path envFile = StackEnvFile.defaultPath();
    if (!Files.isRegularFile(envFile)) {
      System.err.println("verify: no local stack (" + envFile + "); start it with ./ledgermind stack up");
      return 2;
    }
    Map<String, String> env = StackEnvFile.read(envFile);
    Path file = deploymentFile != null ? deploymentFile : envFile.getParent().resolve("oracle-deployment.json");
    OracleDeployment deployment;
    try {
      deployment = OracleDeployment.read(file);
    } catch (java.io.IOException e) {
      System.err.println("verify: " + e.getMessage());
      return 2;
    }
    ClickHouseHttpClient clickHouse = ClickHouseHttpClient.builder().url(env.get("LEDGERMIND_CLICKHOUSE_URL"))
        .user(env.getOrDefault("LEDGERMIND_CLICKHOUSE_USER", "default"))
        .password(env.getOrDefault("LEDGERMIND_CLICKHOUSE_PASSWORD", "")).build();
    Web3j web3j = Web3j.build(new HttpService(env.get("LEDGERMIND_ETH_RPC_URL")));
    try {
      RoundVerifier.Verdict v = new RoundVerifier(web3j, deployment, clickHouse, database, ForecastModels.bundled(),
          ForecasterPredictor.ForecasterFactory.bundled()).verify(feed, round);
      print(v);
      return v.match() ? 0 : 1;
    } catch (RoundVerifier.VerifyException e) {
      System.err.println("verify: cannot verify: " + e.getMessage());
      return 2;
    } finally {
      web3j.shutdown();
    }
  }

  static void print(RoundVerifier.Verdict v) {
    System.out.printf("feed        %s round %d (published %s in tx %s)%n", v.feed(), v.round(), time(v.updatedAt()),
        v.txHash());
    System.out.printf("window      ends %s (observedAt); forecasts %s (targetTime)%n", time(v.observedAt()),
        time(v.targetTime()));
    System.out.printf("inputs      %d feature windows loaded from ClickHouse (%d steps filled); model %s%n",
        v.inputWindows(), v.filledRows(), v.model());
    for (RoundVerifier.Field f : v.fields()) {
      System.out.printf("%-17s on chain %-68s recomputed %-68s %s%n", f.name(), f.onChain(), f.recomputed(),
          f.matches() ? "ok" : "DIFFERS");
    }
    System.out.println(v.match() ? "MATCH"
        : "MISMATCH: " + String.join(", ", v.mismatches().stream().map(RoundVerifier.Field::name).toList()));
  }

  private static String time(long seconds) {
    return Instant.ofEpochSecond(seconds).toString();
  }
}
