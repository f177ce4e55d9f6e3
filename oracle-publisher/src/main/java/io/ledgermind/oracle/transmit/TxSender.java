package io.ledgermind.oracle.transmit;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The one sender of the transmitter: nonces in order from one account, EIP-1559 fees under a cap, replacement of
 * stuck transactions (same nonce, fees +12.5%), fast receipt polling, and an honest UNKNOWN when no receipt comes.
 *
 * <p>The nonce is read from the chain ({@code pending}) at start and after any unknown outcome; otherwise it is kept
 * locally and advanced only when a transaction of that nonce is mined. Not thread-safe: one transmitter loop owns it.
 */
public final class TxSender {
  private static final Logger LOG = LoggerFactory.getLogger(TxSender.class);

  /** One signed transaction sent to the node. */
  public record Attempt(String txHash, long nonce, BigInteger maxFee, BigInteger priorityFee) {}

  /** What happened to a send. */
  public sealed interface Result permits Mined, FeeCapExceeded, Unknown {}

  /** A receipt arrived for one of the attempts ({@code winner}); the others were replaced. */
  public record Mined(TransactionReceipt receipt, Attempt winner, List<Attempt> attempts) implements Result {}

  /** The base fee plus tip is above the cap: nothing was sent. */
  public record FeeCapExceeded(BigInteger baseFee, BigInteger cap) implements Result {}

  /** No receipt within giveUpAfter: the transactions may still be mined; the caller reconciles from the chain. */
  public record Unknown(List<Attempt> attempts, String reason) implements Result {}

  private final Web3j web3j;
  private final Credentials sender;
  private final long chainId;
  private final FeePolicy fees;
  private final Duration receiptPoll;
  private final RpcRetry rpc;
  private final CrashPoints crash;
  private long nonce = -1;

  public TxSender(Web3j web3j, Credentials sender, long chainId, FeePolicy fees, Duration receiptPoll, RpcRetry rpc,
      CrashPoints crash) {
    this.web3j = web3j;
    this.sender = sender;
    this.chainId = chainId;
    this.fees = fees;
    this.receiptPoll = receiptPoll;
    this.rpc = rpc;
    this.crash = crash;
  }

  public String address() {
    return sender.getAddress();
  }

  /** Transactions of this sender the node knows but has not mined (pending nonce - latest nonce). */
  public long inFlight() throws IOException {
    return pendingNonce() - latestNonce();
  }

  /**
   * Waits until no transaction of this sender is in flight (e.g. one sent right before a crash), then takes the
   * nonce from the chain. Returns false when some are still in flight after {@code max}.
   */
  public boolean awaitNoInFlight(Duration max) throws IOException {
    long deadline = System.nanoTime() + max.toNanos();
    long inFlight;
    while ((inFlight = inFlight()) > 0) {
      if (System.nanoTime() > deadline) {
        LOG.warn("{} transaction(s) of {} still in flight after {}", inFlight, sender.getAddress(), max);
        nonce = -1;
        return false;
      }
      sleep(Math.max(5, receiptPoll.toMillis()));
    }
    nonce = latestNonce();
    return true;
  }

  /** Sends {@code data} to {@code to} and waits for a receipt, replacing the transaction when it gets stuck. */
  public Result send(String to, String data, BigInteger gasLimit) throws IOException {
    if (nonce < 0) {
      nonce = rpc.call("eth_getTransactionCount", this::pendingNonce);
    }
    BigInteger baseFee = rpc.call("base fee", this::baseFee);
    BigInteger tip = fees.priorityFee();
    if (baseFee.add(tip).compareTo(fees.maxFeeCap()) > 0) {
      return new FeeCapExceeded(baseFee, fees.maxFeeCap());
    }
    BigInteger maxFee = baseFee.shiftLeft(1).add(tip).min(fees.maxFeeCap());
    List<Attempt> attempts = new ArrayList<>();
    long started = System.nanoTime();
    long lastSent = started;
    boolean capAlerted = false;
    attempts.add(sendRaw(to, data, gasLimit, nonce, tip, maxFee));
    crash.reached(CrashPoints.AFTER_SENDING);
    while (true) {
      for (Attempt a : attempts) {
        Optional<TransactionReceipt> receipt = rpc.call("eth_getTransactionReceipt",
            () -> web3j.ethGetTransactionReceipt(a.txHash()).send().getTransactionReceipt());
        if (receipt.isPresent()) {
          nonce++;
          return new Mined(receipt.get(), a, List.copyOf(attempts));
        }
      }
      long now = System.nanoTime();
      if (now - started > fees.giveUpAfter().toNanos()) {
        nonce = -1; // the chain decides: re-read before the next send
        return new Unknown(List.copyOf(attempts), "no receipt after " + fees.giveUpAfter());
      }
      if (now - lastSent > fees.stuckAfter().toNanos()) {
        Attempt last = attempts.get(attempts.size() - 1);
        BigInteger currentBase = rpc.call("base fee", this::baseFee);
        BigInteger newTip = FeePolicy.bump(last.priorityFee());
        BigInteger newMax = FeePolicy.bump(last.maxFee()).max(currentBase.shiftLeft(1).add(newTip));
        if (newMax.compareTo(fees.maxFeeCap()) > 0) {
          if (!capAlerted) {
            LOG.error("ALERT transaction {} (nonce {}) is stuck and cannot be replaced within the fee cap {} wei "
                + "(would need {}); waiting for it", last.txHash(), nonce, fees.maxFeeCap(), newMax);
            capAlerted = true;
          }
        } else {
          LOG.warn("transaction {} (nonce {}) stuck for {} ms: replacing with maxFee {} tip {}", last.txHash(), nonce,
              (now - lastSent) / 1_000_000, newMax, newTip);
          attempts.add(sendRaw(to, data, gasLimit, nonce, newTip, newMax));
        }
        lastSent = System.nanoTime();
      }
      sleep(receiptPoll.toMillis());
    }
  }

  private Attempt sendRaw(String to, String data, BigInteger gasLimit, long txNonce, BigInteger tip, BigInteger maxFee)
      throws IOException {
    RawTransaction raw = RawTransaction.createTransaction(chainId, BigInteger.valueOf(txNonce), gasLimit, to,
        BigInteger.ZERO, data, tip, maxFee);
    String signed = Numeric.toHexString(TransactionEncoder.signMessage(raw, chainId, sender));
    String hash = Hash.sha3(signed);
    // Resending the same signed bytes after an I/O error is idempotent: same hash, same nonce.
    EthSendTransaction response = rpc.call("eth_sendRawTransaction", () -> web3j.ethSendRawTransaction(signed).send());
    if (response.hasError()) {
      String message = String.valueOf(response.getError().getMessage());
      if (!message.toLowerCase().contains("already")) {
        throw new IOException("node refused transaction (nonce " + txNonce + "): " + message);
      }
    }
    return new Attempt(hash, txNonce, maxFee, tip);
  }

  private BigInteger baseFee() throws IOException {
    // The pending block carries the base fee the next block will charge (anvil_setNextBlockBaseFeePerGas included).
    var block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.PENDING, false).send().getBlock();
    if (block == null) {
      block = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false).send().getBlock();
    }
    BigInteger base = block.getBaseFeePerGas();
    return base == null ? BigInteger.ZERO : base;
  }

  private long pendingNonce() throws IOException {
    return web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.PENDING).send()
        .getTransactionCount().longValueExact();
  }

  private long latestNonce() throws IOException {
    return web3j.ethGetTransactionCount(sender.getAddress(), DefaultBlockParameterName.LATEST).send()
        .getTransactionCount().longValueExact();
  }

  private static void sleep(long millis) throws java.io.InterruptedIOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    }
  }
}
