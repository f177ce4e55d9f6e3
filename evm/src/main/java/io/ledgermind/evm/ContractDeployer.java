package io.ledgermind.evm;

import java.io.IOException;
import java.math.BigInteger;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * Sends transactions from one account and waits for their receipts, polling fast (web3j's default is 15 s, far
 * too slow for a local chain). One instance per account and thread: web3j fetches the nonce from the chain for
 * each transaction, so sends from one account must not interleave (anvil strands out-of-order nonces).
 */
public final class ContractDeployer {
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(5_000_000);

  private final Web3j web3j;
  private final Credentials from;
  private final RawTransactionManager transactions;
  private final PollingTransactionReceiptProcessor receipts;

  public ContractDeployer(Web3j web3j, Credentials from, long chainId) {
    this.web3j = web3j;
    this.from = from;
    this.receipts = new PollingTransactionReceiptProcessor(web3j, 5, 2_000);
    this.transactions = new RawTransactionManager(web3j, from, chainId, receipts);
  }

  public String address() {
    return from.getAddress();
  }

  /** Deploys {@code bytecode} followed by ABI-encoded constructor arguments; returns the contract address. */
  public String deploy(String bytecode, String encodedConstructorArgs) throws IOException, TransactionException {
    TransactionReceipt receipt = send(null, bytecode + encodedConstructorArgs, true);
    return receipt.getContractAddress();
  }

  /** Calls a state-changing function and waits for a successful receipt. */
  public TransactionReceipt call(String contract, Function function) throws IOException, TransactionException {
    return send(contract, FunctionEncoder.encode(function), false);
  }

  private TransactionReceipt send(String to, String data, boolean create) throws IOException, TransactionException {
    BigInteger gasPrice = web3j.ethGasPrice().send().getGasPrice();
    EthSendTransaction sent = transactions.sendTransaction(gasPrice, GAS_LIMIT, to, data, BigInteger.ZERO, create);
    if (sent.hasError()) {
      throw new IOException("transaction from " + from.getAddress() + " rejected: " + sent.getError().getMessage());
    }
    TransactionReceipt receipt = receipts.waitForTransactionReceipt(sent.getTransactionHash());
    if (!receipt.isStatusOK()) {
      throw new TransactionException("transaction " + receipt.getTransactionHash() + " reverted", receipt);
    }
    return receipt;
  }
}
