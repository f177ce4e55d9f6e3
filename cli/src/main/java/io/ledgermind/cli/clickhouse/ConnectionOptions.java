package io.ledgermind.cli.clickhouse;

import io.ledgermind.schemas.stack.StackEnvFile;
import io.ledgermind.clickhouse.ClickHouseHttpClient;
import io.ledgermind.clickhouse.migrate.MigrationRunner;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where the ClickHouse server is and which database to manage: options shared by the {@code clickhouse}
 * subcommands. Unset options fall back to the stack env file ({@link StackEnvFile}).
 */
final class ConnectionOptions {
  static final String URL_KEY = "LEDGERMIND_CLICKHOUSE_URL";
  static final String USER_KEY = "LEDGERMIND_CLICKHOUSE_USER";
  static final String PASSWORD_KEY = "LEDGERMIND_CLICKHOUSE_PASSWORD";

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  @Option(names = "--url", paramLabel = "URL",
      description = "ClickHouse HTTP interface, e.g. http://127.0.0.1:18123. Default: " + URL_KEY
          + " from the stack env file ($" + StackEnvFile.STACK_DIR_VARIABLE
          + "/stack.env, else <ledgermind.home>/.stack/stack.env).")
  String url;

  @Option(names = "--database", paramLabel = "NAME", defaultValue = "ledgermind",
      description = "Database to migrate, [A-Za-z_][A-Za-z0-9_]*; created when missing. Default: ${DEFAULT-VALUE}.")
  String database;

  @Option(names = "--user", paramLabel = "USER",
      description = "ClickHouse user. Default: " + USER_KEY + " from the stack env file, else 'default'.")
  String user;

  @Option(names = "--password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      description = "ClickHouse password; given without a value, it is asked for on the terminal. Default: "
          + PASSWORD_KEY + " from the stack env file, else empty. Never printed.")
  char[] password;

  /** Path of the env file the defaults come from; replaced by tests. */
  Path envFile = StackEnvFile.defaultPath();

  /** The server URL, from {@code --url} or the env file. */
  String resolvedUrl() {
    if (url != null && !url.isBlank()) {
      return url;
    }
    String fromFile = env().get(URL_KEY);
    if (fromFile == null || fromFile.isBlank()) {
      throw new ParameterException(spec.commandLine(), "no --url given and no " + URL_KEY + " in " + envFile
          + ": start the local stack with ./ledgermind stack up, or pass --url");
    }
    return fromFile;
  }

  ClickHouseHttpClient client() {
    Map<String, String> env = env();
    String resolvedUser = user != null ? user : env.getOrDefault(USER_KEY, "default");
    String resolvedPassword = password != null ? new String(password) : env.getOrDefault(PASSWORD_KEY, "");
    try {
      return ClickHouseHttpClient.builder().url(resolvedUrl()).user(resolvedUser).password(resolvedPassword).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, url);
    }
  }

  MigrationRunner runner() {
    try {
      return MigrationRunner.builder().client(client()).database(database).build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--database: " + e.getMessage(), e, null, database);
    }
  }

  private Map<String, String> env() {
    return StackEnvFile.read(envFile);
  }
}
