package io.ledgermind.testing;

import io.ledgermind.evm.DevAccounts;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;

/**
 * Connects a test class to the stack's EVM dev chain (anvil). The chain state is snapshotted before the class and
 * reverted after it ({@code evm_snapshot}/{@code evm_revert}), so each class deploys its contracts on a chain that no
 * other class changed. A revert also turns the chain's clock back to the snapshot's time; the extension then mines one
 * block at the wall clock, so chain time never falls behind it (a chain minutes behind would refuse the latest
 * windows of later tests, and of a user's run on the same stack, as FUTURE).
 *
 * <pre>{@code
 * @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();
 *
 * @Test void deploys() {
 *   Credentials deployer = CHAIN.devAccount(0);
 *   ... CHAIN.web3j() ...
 * }
 * }</pre>
 */
public final class AnvilExtension implements BeforeAllCallback, AfterAllCallback {
  private StackEndpoints endpoints;
  private HttpService service;
  private Web3j web3j;
  private String snapshotId;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    endpoints = TestStack.endpoints();
    service = new HttpService(endpoints.ethRpcUrl());
    web3j = Web3j.build(service);
    snapshotId = rpc("evm_snapshot", List.of()).getResult();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    if (web3j == null) {
      return;
    }
    try {
      if (snapshotId != null) {
        rpc("evm_revert", List.of(snapshotId));
        long latest = web3j.ethGetBlockByNumber(org.web3j.protocol.core.DefaultBlockParameterName.LATEST, false)
            .send().getBlock().getTimestamp().longValueExact();
        rpc("evm_setNextBlockTimestamp", List.of(Math.max(System.currentTimeMillis() / 1000, latest + 1)));
        rpc("evm_mine", List.of());
      }
    } finally {
      web3j.shutdown();
      web3j = null;
    }
  }

  public Web3j web3j() {
    return web3j;
  }

  public String rpcUrl() {
    return endpoints.ethRpcUrl();
  }

  public long chainId() {
    return endpoints.chainId();
  }

  /** Funded dev account {@code index} of the chain's mnemonic (public test keys only). */
  public Credentials devAccount(int index) {
    return new DevAccounts(endpoints.devMnemonic()).account(index);
  }

  /** solcjs installed with the stack; fails with the command to run when it is missing. */
  public Path solcjs() {
    return endpoints
        .solcjs()
        .filter(Files::isRegularFile)
        .orElseThrow(
            () ->
                new StackUnavailableException(
                    "solcjs not found (LEDGERMIND_SOLCJS in the stack env file). Install it with: "
                        + StackUnavailableException.START_COMMAND));
  }

  /** Sends a raw JSON-RPC call (anvil_* / evm_* methods web3j has no wrapper for). */
  public Response<String> rpc(String method, List<?> params) throws IOException {
    StringResponse response = new Request<>(method, params, service, StringResponse.class).send();
    if (response.hasError()) {
      throw new IOException(method + " failed: " + response.getError().getMessage());
    }
    return response;
  }

  /** Current block number, a convenience for assertions. */
  public BigInteger blockNumber() throws IOException {
    return web3j.ethBlockNumber().send().getBlockNumber();
  }

  /** JSON-RPC response whose result is a plain string. */
  public static final class StringResponse extends Response<String> {}
}
