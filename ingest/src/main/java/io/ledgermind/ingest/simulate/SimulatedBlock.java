package io.ledgermind.ingest.simulate;

import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * One block of a simulated chain and the raw events it produced, in emission order (possibly none).
 *
 * @param chainId the simulated chain, e.g. {@code sim:akash}
 * @param number  block number, strictly increasing per chain
 * @param time    simulated block time
 * @param events  raw records (StablecoinEvent, DepinUsageEvent, SubnetSnapshot)
 */
public record SimulatedBlock(String chainId, long number, Instant time, List<SpecificRecord> events) {
  public SimulatedBlock {
    events = List.copyOf(events);
  }
}
