package io.ledgermind.ingest.evm;

/**
 * What one reader step committed.
 *
 * @param fromBlock first block read (or -1 when no new block was ready)
 * @param toBlock last block read, i.e. the new checkpoint (or the old one)
 * @param events events published
 * @param retractions retractions published for orphaned blocks
 * @param deadLetters malformed logs dead-lettered
 * @param reorgDepth depth of the reorg handled in this step, 0 if none
 * @param headBlock chain head seen by this step
 */
public record StepResult(long fromBlock, long toBlock, int events, int retractions, int deadLetters, int reorgDepth,
    long headBlock) {
  /** True when the step found nothing to read (caught up with head minus confirmations). */
  public boolean idle() {
    return fromBlock < 0 && retractions == 0;
  }
}
