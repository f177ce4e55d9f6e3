package io.ledgermind.ingest.chainsim;

import io.ledgermind.evm.ContractDeployer;
import io.ledgermind.evm.DevAccounts;
import io.ledgermind.evm.SolcJs;
import io.ledgermind.schemas.raw.StablecoinEventKind;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;

/**
 * The chain-backed stablecoin simulator: deploys a USDC-like and a USDT-like token to a dev chain and drives real
 * transactions (mints, burns, transfers; issues, redeems, blacklisting and destroyed black funds), so the EVM reader
 * ingests real logs. Deterministic for a seed; every operation reports the events it must produce.
 *
 * <p>Accounts: dev account 0 is the USDC master minter and the USDT owner; accounts 1..{@value #HOLDERS} hold and
 * move tokens. One sender per contract call, sent in nonce order (anvil strands out-of-order nonces).
 */
public final class StablecoinChainDriver {
  static final int HOLDERS = 6;
  private static final BigInteger UNIT = BigInteger.valueOf(1_000_000); // 6 decimals

  /** One expected log: what the reader must turn into a StablecoinEvent. */
  public record ExpectedEvent(String contract, StablecoinEventKind kind, String from, String to, String amount,
      String txHash) {}

  private final Web3j web3j;
  private final long chainId;
  private final Credentials[] accounts = new Credentials[HOLDERS + 1];
  private final Map<String, SolcJs.CompiledContract> compiled;
  private String usdc;
  private String usdt;
  private final BigInteger[] usdcBalance = new BigInteger[HOLDERS + 1];
  private final BigInteger[] usdtBalance = new BigInteger[HOLDERS + 1];
  private final boolean[] blacklisted = new boolean[HOLDERS + 1];

  public StablecoinChainDriver(Web3j web3j, long chainId, String mnemonic, Path solcJs)
      throws IOException, InterruptedException {
    this.web3j = web3j;
    this.chainId = chainId;
    DevAccounts dev = new DevAccounts(mnemonic);
    for (int i = 0; i <= HOLDERS; i++) {
      accounts[i] = dev.account(i);
    }
    this.compiled = TokenContracts.compile(solcJs);
    java.util.Arrays.fill(usdcBalance, BigInteger.ZERO);
    java.util.Arrays.fill(usdtBalance, BigInteger.ZERO);
  }

  /** Deploys both tokens from dev account 0; returns {USDC address, USDT address} in lower case. */
  public String[] deploy() throws IOException, TransactionException {
    ContractDeployer owner = sender(0);
    usdc = owner.deploy(compiled.get("UsdcLike").bytecode(), "").toLowerCase(Locale.ROOT);
    usdt = owner.deploy(compiled.get("UsdtLike").bytecode(), "").toLowerCase(Locale.ROOT);
    return new String[] {usdc, usdt};
  }

  /**
   * Runs {@code operations} seeded random operations; returns the events they emitted, in chain order. Balances
   * are read from the chain first, so the driver stays right after a snapshot revert or a reorg.
   */
  public List<ExpectedEvent> drive(int operations, long seed) throws IOException, TransactionException {
    resync();
    SplittableRandom random = new SplittableRandom(seed);
    List<ExpectedEvent> expected = new ArrayList<>();
    for (int i = 0; i < operations; i++) {
      expected.addAll(operation(random));
    }
    return expected;
  }

  /** One USDC mint to a holder: always exactly one transaction (Mint + Transfer), whatever the state. */
  public List<ExpectedEvent> mint(int holder, BigInteger amount) throws IOException, TransactionException {
    String tx = send(0, usdc, "mint", new Address(address(holder)), new Uint256(amount));
    usdcBalance[holder] = usdcBalance[holder].add(amount);
    return List.of(new ExpectedEvent(usdc, StablecoinEventKind.MINT, null, address(holder), amount.toString(), tx),
        new ExpectedEvent(usdc, StablecoinEventKind.TRANSFER, "0x0000000000000000000000000000000000000000",
            address(holder), amount.toString(), tx));
  }

  /** Reads balances and blacklist flags back from the chain. */
  private void resync() throws IOException {
    for (int i = 0; i <= HOLDERS; i++) {
      usdcBalance[i] = (BigInteger) view(usdc, "balanceOf", new Uint256TypeRef(), new Address(address(i)));
      usdtBalance[i] = (BigInteger) view(usdt, "balanceOf", new Uint256TypeRef(), new Address(address(i)));
      blacklisted[i] = (Boolean) view(usdt, "isBlackListed", new BoolTypeRef(), new Address(address(i)));
    }
  }

  private Object view(String contract, String method, org.web3j.abi.TypeReference<?> output,
      org.web3j.abi.datatypes.Type<?> arg) throws IOException {
    Function function = new Function(method, List.of(arg), List.of(output));
    String result = web3j.ethCall(org.web3j.protocol.core.methods.request.Transaction.createEthCallTransaction(
            address(0), contract, org.web3j.abi.FunctionEncoder.encode(function)),
        org.web3j.protocol.core.DefaultBlockParameterName.LATEST).send().getValue();
    List<org.web3j.abi.datatypes.Type> values =
        org.web3j.abi.FunctionReturnDecoder.decode(result, function.getOutputParameters());
    if (values.isEmpty()) {
      throw new IOException(method + " on " + contract + " returned nothing");
    }
    return values.get(0).getValue();
  }

  private static final class Uint256TypeRef extends org.web3j.abi.TypeReference<Uint256> {}

  private static final class BoolTypeRef extends org.web3j.abi.TypeReference<org.web3j.abi.datatypes.Bool> {}

  private List<ExpectedEvent> operation(SplittableRandom random) throws IOException, TransactionException {
    int holder = 1 + random.nextInt(HOLDERS);
    int other = 1 + (holder + random.nextInt(HOLDERS - 1)) % HOLDERS;
    BigInteger amount = UNIT.multiply(BigInteger.valueOf(1 + random.nextInt(5_000)));
    String zero = "0x0000000000000000000000000000000000000000";
    String minter = address(0);
    switch (random.nextInt(8)) {
      case 0, 1 -> { // USDC mint to a holder: Mint + Transfer from zero
        String tx = send(0, usdc, "mint", new Address(address(holder)), new Uint256(amount));
        usdcBalance[holder] = usdcBalance[holder].add(amount);
        return List.of(new ExpectedEvent(usdc, StablecoinEventKind.MINT, null, address(holder), amount.toString(), tx),
            new ExpectedEvent(usdc, StablecoinEventKind.TRANSFER, zero, address(holder), amount.toString(), tx));
      }
      case 2 -> { // USDC burn: the minter burns what it holds (minted to itself first)
        String mintTx = send(0, usdc, "mint", new Address(minter), new Uint256(amount));
        String burnTx = send(0, usdc, "burn", new Uint256(amount));
        return List.of(new ExpectedEvent(usdc, StablecoinEventKind.MINT, null, minter, amount.toString(), mintTx),
            new ExpectedEvent(usdc, StablecoinEventKind.TRANSFER, zero, minter, amount.toString(), mintTx),
            new ExpectedEvent(usdc, StablecoinEventKind.BURN, minter, null, amount.toString(), burnTx),
            new ExpectedEvent(usdc, StablecoinEventKind.TRANSFER, minter, zero, amount.toString(), burnTx));
      }
      case 3 -> { // USDC transfer of part of a balance
        if (usdcBalance[holder].signum() == 0) {
          return List.of();
        }
        BigInteger part = usdcBalance[holder].divide(BigInteger.TWO).max(BigInteger.ONE);
        String tx = send(holder, usdc, "transfer", new Address(address(other)), new Uint256(part));
        usdcBalance[holder] = usdcBalance[holder].subtract(part);
        usdcBalance[other] = usdcBalance[other].add(part);
        return List.of(new ExpectedEvent(usdc, StablecoinEventKind.TRANSFER, address(holder), address(other),
            part.toString(), tx));
      }
      case 4 -> { // USDT issue to the owner: Issue only, no Transfer
        String tx = send(0, usdt, "issue", new Uint256(amount));
        usdtBalance[0] = usdtBalance[0].add(amount);
        return List.of(new ExpectedEvent(usdt, StablecoinEventKind.ISSUE, null, null, amount.toString(), tx));
      }
      case 5 -> { // USDT owner pays a holder: Transfer
        if (usdtBalance[0].compareTo(amount) < 0 || blacklisted[holder]) {
          return List.of();
        }
        String tx = send(0, usdt, "transfer", new Address(address(holder)), new Uint256(amount));
        usdtBalance[0] = usdtBalance[0].subtract(amount);
        usdtBalance[holder] = usdtBalance[holder].add(amount);
        return List.of(new ExpectedEvent(usdt, StablecoinEventKind.TRANSFER, minter, address(holder),
            amount.toString(), tx));
      }
      case 6 -> { // USDT redeem from the owner: Redeem only
        if (usdtBalance[0].signum() == 0) {
          return List.of();
        }
        BigInteger part = usdtBalance[0].min(amount);
        String tx = send(0, usdt, "redeem", new Uint256(part));
        usdtBalance[0] = usdtBalance[0].subtract(part);
        return List.of(new ExpectedEvent(usdt, StablecoinEventKind.REDEEM, null, null, part.toString(), tx));
      }
      default -> { // USDT blacklist a holder with a balance and destroy its funds: no Transfer
        if (usdtBalance[holder].signum() == 0 || blacklisted[holder]) {
          return List.of();
        }
        send(0, usdt, "addBlackList", new Address(address(holder)));
        String tx = send(0, usdt, "destroyBlackFunds", new Address(address(holder)));
        BigInteger dirty = usdtBalance[holder];
        usdtBalance[holder] = BigInteger.ZERO;
        blacklisted[holder] = true;
        return List.of(new ExpectedEvent(usdt, StablecoinEventKind.DESTROYED_BLACK_FUNDS, address(holder), null,
            dirty.toString(), tx));
      }
    }
  }

  private String send(int account, String contract, String method, org.web3j.abi.datatypes.Type<?>... args)
      throws IOException, TransactionException {
    TransactionReceipt receipt = sender(account).call(contract, new Function(method, List.of(args), List.of()));
    return receipt.getTransactionHash().toLowerCase(Locale.ROOT);
  }

  private ContractDeployer sender(int account) {
    return new ContractDeployer(web3j, accounts[account], chainId);
  }

  /** Address of dev account {@code index}, lower case. */
  public String address(int index) {
    return accounts[index].getAddress().toLowerCase(Locale.ROOT);
  }
}
