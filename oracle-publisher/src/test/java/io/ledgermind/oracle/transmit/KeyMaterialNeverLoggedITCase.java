package io.ledgermind.oracle.transmit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgermind.oracle.signer.SignerKey;
import io.ledgermind.testing.AnvilExtension;
import io.ledgermind.testing.KafkaExtension;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;
import org.web3j.utils.Numeric;

/**
 * Three signers run as three real processes ({@code OracleCommand signer}): two take their key from an environment
 * variable, one from a keystore file with its password in a file. A round is published, key
 * loading fails on purpose (bad hex, wrong password), and then every log of the run is scanned for the keys (hex in
 * any case, with or without 0x, and decimal) and the password: none may appear.
 */
class KeyMaterialNeverLoggedITCase {
  private static final Logger LOG = LoggerFactory.getLogger(KeyMaterialNeverLoggedITCase.class);
  private static final String PASSWORD = "correct-horse-battery-staple-42";

  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
  @RegisterExtension static final KafkaExtension KAFKA = new KafkaExtension();

  static OracleHarness harness;
  static final List<Process> processes = new ArrayList<>();
  static final List<Path> outputs = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    harness = new OracleHarness(CHAIN, KAFKA, null, List.of("USDC/net_flow"));
    Path dir = Files.createDirectories(Path.of("target", "key-scan"));
    Path deployment = dir.resolve("deployment.json");
    harness.deployment.write(deployment);
    String keystoreName = WalletUtils.generateWalletFile(PASSWORD, CHAIN.devAccount(3).getEcKeyPair(), dir.toFile(),
        false);
    for (int i : new int[] {1, 2, 3}) {
      Path out = dir.resolve("signer-" + i + ".out");
      outputs.add(out);
      outputs.add(dir.resolve("signer-" + i + ".log"));
      List<String> cmd = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-Doracle.test.log=" + dir.resolve("signer-" + i + ".log"),
          "-cp", System.getProperty("java.class.path"), "io.ledgermind.oracle.cli.OracleCommand", "signer",
          "--deployment", deployment.toString(), "--rpc-url", CHAIN.rpcUrl(),
          "--kafka-config", KAFKA.clientConfigFile().toString(), "--topic-prefix", harness.prefix,
          "--journal", dir.resolve("signer-" + i + "-" + System.nanoTime() + ".journal").toString()));
      ProcessBuilder pb = new ProcessBuilder();
      if (i == 3) {
        Path passwordFile = dir.resolve("signer-3.password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        cmd.addAll(List.of("--keystore", dir.resolve(keystoreName).toString(), "--password-file",
            passwordFile.toString()));
      } else {
        cmd.addAll(List.of("--key-env", "SIGNER_KEY"));
        pb.environment().put("SIGNER_KEY", hex(CHAIN.devAccount(i).getEcKeyPair()));
      }
      processes.add(pb.command(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start());
    }
    harness.startTransmitter(CrashPoints.none());
  }

  @AfterAll
  static void stop() throws Exception {
    for (Process p : processes) {
      p.destroy();
      p.waitFor();
    }
    if (harness != null) {
      harness.close();
    }
  }

  static String hex(ECKeyPair key) {
    return Numeric.toHexStringWithPrefixZeroPadded(key.getPrivateKey(), 64);
  }

  @Test
  void noLogOfTheRunContainsKeyMaterial() throws Exception {
    // Signer processes publish a round (proves they ran with their keys). JVM start-up on a busy box is slow.
    OracleHarness.await("three signer processes started", Duration.ofSeconds(90), () -> outputs.stream()
        .filter(p -> p.toString().endsWith(".out")).allMatch(p -> {
          try {
            return Files.exists(p) && Files.readString(p).contains(" started: ");
          } catch (java.io.IOException e) {
            return false;
          }
        }));
    Instant t = harness.chainNow().minusSeconds(1);
    harness.produce(harness.request("USDC/net_flow", 1, 123_000_000L, t));
    OracleHarness.await("round 1 signed by the three signer processes", Duration.ofSeconds(60), () -> {
      try {
        return harness.latestRounds().get("USDC/net_flow") == 1;
      } catch (Exception e) {
        return false;
      }
    });

    // Failures while loading keys: the messages name the problem, never the key or the password.
    String almostKey = hex(CHAIN.devAccount(1).getEcKeyPair()).substring(0, 65) + "z";
    assertThatThrownBy(() -> SignerKey.fromHex(almostKey)).satisfies(e -> LOG.error("expected failure", e))
        .hasMessageNotContaining(almostKey.substring(2, 60));
    Path keystore;
    try (Stream<Path> files = Files.list(Path.of("target", "key-scan"))) {
      keystore = files.filter(p -> p.getFileName().toString().startsWith("UTC--")).findFirst().orElseThrow();
    }
    assertThatThrownBy(() -> SignerKey.fromKeystore(keystore, (PASSWORD + "x").toCharArray()))
        .satisfies(e -> LOG.error("expected failure", e)).hasNoCause();
    SignerKey loaded = SignerKey.fromKeystore(keystore, PASSWORD.toCharArray());
    LOG.info("loaded {}", loaded);
    assertThat(loaded.toString()).contains(loaded.address()).doesNotContain(hex(CHAIN.devAccount(3).getEcKeyPair())
        .substring(2));

    for (Process p : processes) {
      p.destroy();
      p.waitFor();
    }
    List<Path> logs = new ArrayList<>(outputs);
    logs.add(Path.of("target", "oracle-test.log"));
    List<String> secrets = new ArrayList<>(List.of(PASSWORD));
    for (int i = 0; i <= 9; i++) {
      BigInteger key = CHAIN.devAccount(i).getEcKeyPair().getPrivateKey();
      String h = Numeric.toHexStringNoPrefixZeroPadded(key, 64);
      secrets.add(h);
      secrets.add(key.toString());
      secrets.add(h.substring(0, 32)); // half a key is a leak too
      secrets.add(h.substring(32));
    }
    long scanned = 0;
    for (Path log : logs) {
      assertThat(log).as("log to scan").exists();
      String text = Files.readString(log).toLowerCase(Locale.ROOT);
      scanned += text.length();
      for (String secret : secrets) {
        assertThat(text).as("%s must not contain key material", log).doesNotContain(secret.toLowerCase(Locale.ROOT));
      }
    }
    assertThat(Files.readString(outputs.get(0))).contains("signed report");
    assertThat(scanned).isPositive();
    LOG.info("scanned {} characters of logs in {} files: no key material", scanned, logs.size());
    assertThat(new File(".").exists()).isTrue();
  }
}
