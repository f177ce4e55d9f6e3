package io.ledgermind.ingest.evm;

import io.ledgermind.ingest.kafka.EventRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Settings of one EVM reader.
 *
 * <pre>{@code
 * EvmReaderConfig config = EvmReaderConfig.builder()
 *     .readerId("evm-mainnet-stablecoins")
 *     .chainId(1)
 *     .contract(new WatchedContract("0xa0b8...eb48", ContractKind.USDC, "USDC", 6))
 *     .confirmations(12)
 *     .startBlock(21_000_000)
 *     .build();
 * }</pre>
 *
 * @param readerId stable name of this reader: its checkpoint key and Kafka transactional id
 * @param chainId EVM chain id (1 = Ethereum, 31337 = anvil); events carry it as CAIP-2 {@code eip155:<id>}
 * @param contracts watched contracts
 * @param confirmations blocks a block must be buried under before its events are read (0 = read the head)
 * @param startBlock first block when no checkpoint exists
 * @param maxBlocksPerStep blocks per step, i.e. per Kafka transaction and eth_getLogs range (split on refusal)
 * @param reorgWindow blocks remembered for reorg handling; a deeper reorg stops the reader with an error
 * @param retry retries, backoff and rate limit for RPC calls
 * @param routing topic names
 */
public record EvmReaderConfig(String readerId, long chainId, List<WatchedContract> contracts, int confirmations,
    long startBlock, int maxBlocksPerStep, int reorgWindow, RetryPolicy retry, EventRouting routing) {

  public EvmReaderConfig {
    Objects.requireNonNull(readerId, "readerId");
    if (!readerId.matches("[A-Za-z0-9._-]{1,100}")) {
      throw new IllegalArgumentException("readerId must be 1-100 of [A-Za-z0-9._-]: " + readerId);
    }
    if (contracts.isEmpty()) {
      throw new IllegalArgumentException("readerId " + readerId + ": no contracts to watch");
    }
    if (confirmations < 0 || maxBlocksPerStep < 1 || startBlock < 0) {
      throw new IllegalArgumentException("confirmations and startBlock must be >= 0, maxBlocksPerStep >= 1");
    }
    if (reorgWindow <= confirmations) {
      // A reorg deeper than the confirmations is what the window exists for; it must reach past them.
      throw new IllegalArgumentException("reorgWindow (" + reorgWindow + ") must exceed confirmations ("
          + confirmations + ")");
    }
    contracts = List.copyOf(contracts);
  }

  /** CAIP-2 chain id of the events. */
  public String caipChainId() {
    return "eip155:" + chainId;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder for {@link EvmReaderConfig}; defaults: 12 confirmations, 500 blocks per step, 64-block window. */
  public static final class Builder {
    private String readerId;
    private long chainId = 1;
    private final List<WatchedContract> contracts = new ArrayList<>();
    private int confirmations = 12;
    private long startBlock;
    private int maxBlocksPerStep = 500;
    private int reorgWindow = 64;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private EventRouting routing = EventRouting.catalogue();

    public Builder readerId(String readerId) {
      this.readerId = readerId;
      return this;
    }

    public Builder chainId(long chainId) {
      this.chainId = chainId;
      return this;
    }

    public Builder contract(WatchedContract contract) {
      contracts.add(contract);
      return this;
    }

    public Builder confirmations(int confirmations) {
      this.confirmations = confirmations;
      return this;
    }

    public Builder startBlock(long startBlock) {
      this.startBlock = startBlock;
      return this;
    }

    public Builder maxBlocksPerStep(int maxBlocksPerStep) {
      this.maxBlocksPerStep = maxBlocksPerStep;
      return this;
    }

    public Builder reorgWindow(int reorgWindow) {
      this.reorgWindow = reorgWindow;
      return this;
    }

    public Builder retry(RetryPolicy retry) {
      this.retry = retry;
      return this;
    }

    public Builder routing(EventRouting routing) {
      this.routing = routing;
      return this;
    }

    public EvmReaderConfig build() {
      return new EvmReaderConfig(readerId, chainId, contracts, confirmations, startBlock, maxBlocksPerStep,
          reorgWindow, retry, routing);
    }
  }
}
