package io.ledgermind.ingest.evm;

import java.time.Instant;

/**
 * A block header as far as the reader needs it.
 *
 * @param number block number
 * @param hash block hash, lower-case 0x hex
 * @param parentHash parent's hash: the link reorg detection follows
 * @param timestamp block time (event time of its logs)
 * @param baseFeePerGas EIP-1559 base fee in wei, null before London
 * @param transactionCount transactions in the block
 */
public record BlockInfo(long number, String hash, String parentHash, Instant timestamp, java.math.BigInteger baseFeePerGas,
    int transactionCount) {}
