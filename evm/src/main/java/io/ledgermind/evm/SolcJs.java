package io.ledgermind.evm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Compiles Solidity with solcjs (npm {@code solc}, installed by the local stack) through its standard-JSON
 * interface: optimizer on, EVM version cancun.
 *
 * <p>Output goes to a temporary file, never through a pipe: solcjs truncates large outputs written to a pipe.
 *
 * <pre>{@code
 * Map<String, CompiledContract> out = new SolcJs(Path.of("deploy/local/node_modules/solc/solc.js"))
 *     .compile(Path.of("oracle-publisher/src/main/solidity/SmokeStore.sol"));
 * }</pre>
 */
public final class SolcJs {
  private static final Duration TIMEOUT = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path solcJs;

  public SolcJs(Path solcJs) {
    if (!Files.isRegularFile(solcJs)) {
      throw new IllegalArgumentException("solcjs not found at " + solcJs + " (run ./ledgermind stack up)");
    }
    this.solcJs = solcJs;
  }

  /** Compiles the given sources; returns every contract they define, by contract name. */
  public Map<String, CompiledContract> compile(Path... sources) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("solcjs");
    try {
      Path input = dir.resolve("input.json");
      Path output = dir.resolve("output.json");
      Files.writeString(input, JSON.writeValueAsString(standardJson(sources)));
      Process process =
          new ProcessBuilder("node", solcJs.toString(), "--standard-json")
              .redirectInput(input.toFile())
              .redirectOutput(output.toFile())
              .redirectError(dir.resolve("stderr.txt").toFile())
              .start();
      if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("solcjs did not finish within " + TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new IOException("solcjs exited " + process.exitValue() + ": " + Files.readString(dir.resolve("stderr.txt")));
      }
      return parse(JSON.readTree(withoutBanner(Files.readString(output))));
    } finally {
      try (var files = Files.list(dir)) {
        for (Path file : files.toList()) {
          Files.deleteIfExists(file);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /** solcjs prints {@code >>> Cannot retry compilation ...} notes before the JSON on stdout: drop them. */
  static String withoutBanner(String stdout) {
    return stdout.lines().filter(line -> !line.startsWith(">>> ")).collect(Collectors.joining("\n"));
  }

  private static ObjectNode standardJson(Path... sources) throws IOException {
    ObjectNode root = JSON.createObjectNode().put("language", "Solidity");
    ObjectNode sourcesNode = root.putObject("sources");
    for (Path source : sources) {
      sourcesNode.putObject(source.getFileName().toString()).put("content", Files.readString(source));
    }
    ObjectNode settings = root.putObject("settings");
    settings.putObject("optimizer").put("enabled", true).put("runs", 200);
    settings.put("evmVersion", "cancun");
    settings.putObject("outputSelection").putObject("*").putArray("*").add("abi").add("evm.bytecode.object");
    return root;
  }

  private static Map<String, CompiledContract> parse(JsonNode output) throws IOException {
    List<String> errors = new ArrayList<>();
    for (JsonNode error : output.path("errors")) {
      if ("error".equals(error.path("severity").asText())) {
        errors.add(error.path("formattedMessage").asText(error.path("message").asText()));
      }
    }
    if (!errors.isEmpty()) {
      throw new IOException("Solidity compilation failed:\n" + String.join("\n", errors));
    }
    Map<String, CompiledContract> contracts = new LinkedHashMap<>();
    output.path("contracts").fields().forEachRemaining(file ->
        file.getValue().fields().forEachRemaining(contract -> contracts.put(contract.getKey(),
            new CompiledContract(contract.getKey(), contract.getValue().path("abi").toString(),
                "0x" + contract.getValue().path("evm").path("bytecode").path("object").asText()))));
    return contracts;
  }

  /**
   * One compiled contract.
   *
   * @param name contract name
   * @param abiJson ABI as JSON text
   * @param bytecode creation bytecode, {@code 0x}-prefixed hex
   */
  public record CompiledContract(String name, String abiJson, String bytecode) {}
}
