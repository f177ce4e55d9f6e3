package io.ledgermind.oracle.contracts;

import io.ledgermind.evm.SolcJs;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgermind.testing.AnvilExtension;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Event;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/** solcjs compiles, web3j deploys to the real anvil of the local stack, and the stored uint256 reads back exactly. */
class SmokeStoreITCase {
  private static final BigInteger UINT256_MAX = BigInteger.TWO.pow(256).subtract(BigInteger.ONE);
  private static final BigInteger GAS_PRICE = BigInteger.valueOf(2_000_000_000L);
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(1_000_000);

  @RegisterExtension static final AnvilExtension CHAIN = new AnvilExtension();

  private static SolcJs.CompiledContract smokeStore;

  @BeforeAll
  static void compile() throws Exception {
    Map<String, SolcJs.CompiledContract> contracts =
        new SolcJs(CHAIN.solcjs()).compile(Path.of("src/main/solidity/SmokeStore.sol"));
    smokeStore = contracts.get("SmokeStore");
    assertThat(smokeStore).as("SmokeStore in solcjs output").isNotNull();
    assertThat(smokeStore.bytecode()).startsWith("0x6080");
  }

  @Test
  void deploysStoresMaxUint256AndReadsItBack() throws Exception {
    Credentials deployer = CHAIN.devAccount(0);
    // Local chain: poll receipts every 10 ms, not web3j's default 15 s.
    PollingTransactionReceiptProcessor receipts = new PollingTransactionReceiptProcessor(CHAIN.web3j(), 10, 500);
    RawTransactionManager tx = new RawTransactionManager(CHAIN.web3j(), deployer, CHAIN.chainId(), receipts);

    TransactionReceipt deployment = receipts.waitForTransactionReceipt(
        tx.sendTransaction(GAS_PRICE, GAS_LIMIT, null, smokeStore.bytecode(), BigInteger.ZERO, true)
            .getTransactionHash());
    assertThat(deployment.isStatusOK()).isTrue();
    String contract = deployment.getContractAddress();
    assertThat(CHAIN.web3j().ethGetCode(contract, DefaultBlockParameterName.LATEST).send().getCode())
        .hasSizeGreaterThan(2);

    Function store = new Function("store", List.of(new Uint256(UINT256_MAX)), List.of());
    TransactionReceipt stored = receipts.waitForTransactionReceipt(
        tx.sendTransaction(GAS_PRICE, GAS_LIMIT, contract, FunctionEncoder.encode(store), BigInteger.ZERO)
            .getTransactionHash());
    assertThat(stored.isStatusOK()).isTrue();

    Event storedEvent = new Event("Stored",
        List.of(new TypeReference<Address>(true) {}, new TypeReference<Uint256>(false) {}));
    assertThat(stored.getLogs()).singleElement().satisfies((Log log) -> {
      assertThat(log.getTopics().get(0)).isEqualTo(EventEncoder.encode(storedEvent));
      assertThat(log.getTopics().get(1)).endsWithIgnoringCase(deployer.getAddress().substring(2));
      assertThat(new BigInteger(log.getData().substring(2), 16)).isEqualTo(UINT256_MAX);
    });

    Function value = new Function("value", List.of(), List.of(new TypeReference<Uint256>() {}));
    String raw = CHAIN.web3j().ethCall(
            Transaction.createEthCallTransaction(deployer.getAddress(), contract, FunctionEncoder.encode(value)),
            DefaultBlockParameterName.LATEST).send().getValue();
    List<Type> decoded = FunctionReturnDecoder.decode(raw, value.getOutputParameters());
    assertThat(decoded.get(0).getValue()).isEqualTo(UINT256_MAX);
  }
}
