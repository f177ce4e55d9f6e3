package io.ledgermind.models.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the committed artifacts and the README live in a checkout: under {@code -Dledgermind.home} (set by the
 * {@code ./ledgermind} launcher), else the working directory, whether that is the repository root or models/.
 */
public final class CheckoutPaths {
  private CheckoutPaths() {}

  static Path modelsModule() {
    Path home = Path.of(System.getProperty("ledgermind.home", ".")).toAbsolutePath().normalize();
    if (Files.isDirectory(home.resolve("models/src"))) {
      return home.resolve("models");
    }
    return home;
  }

  public static Path artifactsRoot() {
    return modelsModule().resolve("src/main/resources/artifacts");
  }

  static Path readme() {
    return modelsModule().resolve("README.md");
  }
}
