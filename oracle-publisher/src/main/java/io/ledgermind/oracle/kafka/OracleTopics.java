package io.ledgermind.oracle.kafka;

import io.ledgermind.schemas.topics.TopicCatalogue;

/**
 * The topics the oracle processes use; the catalogue's names by default, others in tests.
 *
 * <p>{@code reports} carries {@code SignedReport}s in two states: a proposal from the transmitter (no signatures yet:
 * the batch the signers are asked to sign) and the signed report (at least quorum signatures) the transmitter sends
 * on-chain. Both share the reportId (the digest), so ClickHouse's ReplacingMergeTree keeps the later, signed row.
 */
public record OracleTopics(String requests, String reports, String signatures, String outcomes, String deadLetters) {
  public static OracleTopics standard() {
    return new OracleTopics(TopicCatalogue.ORACLE_REQUESTS.name(), TopicCatalogue.ORACLE_REPORTS.name(),
        TopicCatalogue.ORACLE_SIGNATURES.name(), TopicCatalogue.ORACLE_OUTCOMES.name(),
        TopicCatalogue.DEAD_LETTERS.name());
  }

  /** Same topics with a prefix (tests: topics of their own). */
  public static OracleTopics prefixed(String prefix) {
    OracleTopics s = standard();
    return new OracleTopics(prefix + s.requests, prefix + s.reports, prefix + s.signatures, prefix + s.outcomes,
        prefix + s.deadLetters);
  }
}
