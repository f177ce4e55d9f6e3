package io.ledgermind.ingest.chainsim;

import io.ledgermind.evm.SolcJs;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Compiles the USDC-like and USDT-like token contracts shipped in this module with the stack's solcjs. */
public final class TokenContracts {
  private TokenContracts() {}

  /** Contract name to compiled contract: {@code UsdcLike}, {@code UsdtLike}. */
  public static Map<String, SolcJs.CompiledContract> compile(Path solcJs) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("ledgermind-tokens");
    try {
      Path usdc = copy("UsdcLike.sol", dir);
      Path usdt = copy("UsdtLike.sol", dir);
      return new SolcJs(solcJs).compile(usdc, usdt);
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.deleteIfExists(f);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  private static Path copy(String name, Path dir) throws IOException {
    try (InputStream in = TokenContracts.class.getResourceAsStream("/contracts/" + name)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("contract source /contracts/" + name + " not on the class path"));
      }
      Path file = dir.resolve(name);
      Files.copy(in, file);
      return file;
    }
  }
}
