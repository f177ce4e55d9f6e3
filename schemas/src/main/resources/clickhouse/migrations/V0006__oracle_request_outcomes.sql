-- V0006: what became of each oracle request (one row per request and outcome), so that a run can reconcile its
-- requests with the chain: every request is PUBLISHED (round_id = the round the contract assigned) or has an outcome
-- with a reason (ALREADY_PUBLISHED, SUPERSEDED, UNREGISTERED_FEED, STALE, FUTURE, NOT_DUE, MALFORMED,
-- QUORUM_NOT_REACHED, REVERTED, FEE_CAP, BAD_TARGET). Written by the transmitter beside publication_outcomes (the
-- per-report record). round_id is '0' when nothing was published for the request.
--   SELECT r.request_id, o.outcome, o.round_id FROM ${database}.oracle_requests AS r FINAL
--   LEFT JOIN (SELECT * FROM ${database}.oracle_request_outcomes FINAL) AS o USING (request_id)
CREATE TABLE IF NOT EXISTS ${database}.oracle_request_outcomes
(
    outcome_id   String,             -- deterministic: report (or request) + outcome
    request_id   String,
    feed_id      String,
    observed_at  DateTime('UTC'),    -- the request's window (end of its newest input); 0 when malformed
    outcome      String,
    round_id     String,             -- uint256; '0' when not published
    report_id    String,             -- EIP-712 digest of the report, or 'request:<id>' when never proposed
    tx_hash      Nullable(String),
    gas_used     Nullable(Int64),    -- of the whole report's transaction
    block_number Nullable(Int64),
    reason       Nullable(String),
    recorded_at  DateTime('UTC'),
    version      UInt64              -- recordedAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(recorded_at)
ORDER BY (request_id, outcome_id);
