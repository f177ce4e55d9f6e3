package io.ledgermind.ingest.evm;

import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.BatchRequest;
import org.web3j.protocol.core.BatchResponse;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;

/**
 * The reader's view of a node: block numbers, headers (batched) and logs, with retries, backoff and a rate limit.
 * Node errors that mean "range too large" (each provider words it differently) are surfaced as such so the caller
 * splits the range instead of retrying it.
 */
final class RpcClient {
  private static final Logger LOG = LoggerFactory.getLogger(RpcClient.class);
  private static final int HEADER_BATCH = 100;
  private static final String[] RANGE_TOO_LARGE = {
    "query returned more than", "block range", "range is too large", "response size exceeded",
    "exceed maximum block range", "too many blocks", "limit exceeded"
  };

  private final Web3j web3j;
  private final RetryPolicy retry;
  private final AtomicLong nextPermitNanos = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  RpcClient(Web3j web3j, RetryPolicy retry) {
    this.web3j = web3j;
    this.retry = retry;
  }

  long retriesSoFar() {
    return retries.get();
  }

  long blockNumber() throws RpcException {
    return call("eth_blockNumber", () -> web3j.ethBlockNumber().send()).getBlockNumber().longValueExact();
  }

  /** Headers of blocks {@code from..to} (inclusive), in order, fetched in JSON-RPC batches. */
  List<BlockInfo> headers(long from, long to) throws RpcException {
    List<BlockInfo> headers = new ArrayList<>();
    for (long start = from; start <= to; start += HEADER_BATCH) {
      long end = Math.min(to, start + HEADER_BATCH - 1);
      long batchStart = start;
      BatchResponse batch = callBatch("eth_getBlockByNumber[" + start + ".." + end + "]", () -> {
        BatchRequest request = web3j.newBatch();
        for (long n = batchStart; n <= end; n++) {
          request.add(web3j.ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(n)), false));
        }
        return request.send();
      });
      for (Response<?> response : batch.getResponses()) {
        EthBlock.Block block = ((EthBlock) response).getBlock();
        if (response.hasError() || block == null) {
          throw new RpcException("block missing in eth_getBlockByNumber batch " + start + ".." + end
              + (response.hasError() ? ": " + response.getError().getMessage() : " (not yet known to the node)"), false, null);
        }
        headers.add(info(block));
      }
    }
    return headers;
  }

  BlockInfo header(long number) throws RpcException {
    return headers(number, number).get(0);
  }

  /** Logs of {@code addresses} in blocks {@code from..to}; throws with {@link RpcException#isRangeTooLarge()}. */
  List<Log> logs(long from, long to, List<String> addresses) throws RpcException {
    EthFilter filter = new EthFilter(DefaultBlockParameter.valueOf(BigInteger.valueOf(from)),
        DefaultBlockParameter.valueOf(BigInteger.valueOf(to)), addresses);
    EthLog response = call("eth_getLogs[" + from + ".." + to + "]", () -> web3j.ethGetLogs(filter).send());
    List<Log> logs = new ArrayList<>();
    for (EthLog.LogResult<?> result : response.getLogs()) {
      logs.add((Log) result.get());
    }
    return logs;
  }

  /** A call with retries; a JSON-RPC error answer is final unless it reads like rate limiting. */
  private <T extends Response<?>> T call(String what, RpcCall<T> call) throws RpcException {
    return retrying(what, call, Response::getError);
  }

  private BatchResponse callBatch(String what, RpcCall<BatchResponse> call) throws RpcException {
    // Per-request errors of a batch are checked by the caller, block by block.
    return retrying(what, call, batch -> null);
  }

  private <T> T retrying(String what, RpcCall<T> call, Function<T, Response.Error> errorOf) throws RpcException {
    for (int attempt = 1; ; attempt++) {
      acquirePermit();
      Exception failure;
      try {
        T response = call.send();
        Response.Error error = errorOf.apply(response);
        if (error == null) {
          return response;
        }
        String message = error.getMessage();
        if (isRangeTooLarge(message)) {
          throw new RpcException(what + ": node refused the range: " + message, true, null);
        }
        if (!message.toLowerCase(Locale.ROOT).contains("rate limit")) {
          throw new RpcException(what + " failed: " + message + " (code " + error.getCode() + ")", false, null);
        }
        failure = new IOException(message);
      } catch (IOException | RuntimeException e) {
        // IOException covers HTTP 429/5xx (web3j's ClientConnectionException), timeouts, resets and truncated
        // JSON; RuntimeException covers web3j's wrapping of the same in some paths.
        failure = e;
      }
      if (attempt >= retry.maxAttempts()) {
        throw new RpcException(what + " failed after " + attempt + " attempts: " + failure, false, failure);
      }
      retries.incrementAndGet();
      LOG.debug("{} attempt {} failed ({}), retrying", what, attempt, failure.toString());
      sleep(retry.delay(attempt).toMillis());
    }
  }

  static boolean isRangeTooLarge(String message) {
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    for (String marker : RANGE_TOO_LARGE) {
      if (lower.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  private void acquirePermit() {
    if (retry.requestsPerSecond() <= 0) {
      return;
    }
    long interval = (long) (1_000_000_000L / retry.requestsPerSecond());
    long now = System.nanoTime();
    long slot = nextPermitNanos.getAndUpdate(next -> Math.max(next, now) + interval);
    long wait = slot - now;
    if (wait > 0) {
      sleep(wait / 1_000_000L);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry", e);
    }
  }

  private static BlockInfo info(EthBlock.Block block) {
    BigInteger baseFee = null;
    try {
      baseFee = block.getBaseFeePerGas();
    } catch (RuntimeException e) {
      // Pre-London blocks have no base fee; web3j throws on the missing field instead of returning null.
    }
    return new BlockInfo(block.getNumber().longValueExact(), EvmEventDecoder.lower(block.getHash()),
        EvmEventDecoder.lower(block.getParentHash()), Instant.ofEpochSecond(block.getTimestamp().longValueExact()),
        baseFee, block.getTransactions() == null ? 0 : block.getTransactions().size());
  }

  @FunctionalInterface
  private interface RpcCall<T> {
    T send() throws IOException;
  }
}
