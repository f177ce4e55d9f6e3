-- V0003: the oracle's records (schemas/src/main/avro/oracle): requests, signatures, signed reports and what
-- happened to them on-chain. Conventions as in V0001: round ids and answers are exact base-10 strings
-- (uint256 / int256), version UInt64 = the record's own time in epoch millis, read with FINAL.

-- request_id is deterministic (feed + round); observed_at (end of the window) is the same on every replay.
CREATE TABLE IF NOT EXISTS ${database}.oracle_requests
(
    request_id        String,
    feed_id           String,
    round_id          String,   -- uint256 (uint64 in our contract)
    answer            String,   -- int256, scaled by decimals, may be negative
    decimals          Int32,
    observed_at       DateTime('UTC'),
    model_hash        String,
    inputs_commitment String,
    source_id         String,
    created_at        DateTime('UTC'),
    version           UInt64    -- createdAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(observed_at)
ORDER BY (request_id);

CREATE TABLE IF NOT EXISTS ${database}.oracle_signatures
(
    signature_id String,        -- deterministic: digest + signer
    report_id    String,
    digest       String,
    signer       String,
    signature    String,        -- 0x r||s||v
    signed_at    DateTime('UTC'),
    version      UInt64         -- signedAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(signed_at)
ORDER BY (signature_id);

-- entries_* and signatures_* are the Avro arrays of records as parallel arrays (one element per entry/signature).
CREATE TABLE IF NOT EXISTS ${database}.signed_reports
(
    report_id                 String,
    entries_feed_id           Array(String),
    entries_round_id          Array(String),   -- uint256
    entries_answer            Array(String),   -- int256
    entries_observed_at       Array(DateTime('UTC')),
    entries_model_hash        Array(String),
    entries_inputs_commitment Array(String),
    digest                    String,
    signatures_signer         Array(String),
    signatures_signature      Array(String),
    quorum                    Int32,
    created_at                DateTime('UTC'),
    version                   UInt64           -- createdAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(created_at)
ORDER BY (report_id);

-- One row per outcome_id (report + attempt). A later record of the same attempt (e.g. UNKNOWN reconciled to
-- CONFIRMED from chain state) has a later recordedAt and therefore wins.
CREATE TABLE IF NOT EXISTS ${database}.publication_outcomes
(
    outcome_id          String,
    report_id           String,
    status              Enum8('CONFIRMED' = 1, 'REVERTED' = 2, 'REPLACED' = 3, 'SKIPPED' = 4, 'UNKNOWN' = 5),
    chain_id            String,
    tx_hash             Nullable(String),
    nonce               Nullable(Int64),
    gas_used            Nullable(Int64),
    effective_gas_price Nullable(String),   -- wei per gas, uint256
    block_number        Nullable(Int64),
    block_hash          Nullable(String),
    rounds_feed_id      Array(String),
    rounds_round_id     Array(String),      -- uint256
    revert_reason       Nullable(String),
    detail              Nullable(String),
    attempts            Int32,
    recorded_at         DateTime('UTC'),
    version             UInt64              -- recordedAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(recorded_at)
ORDER BY (outcome_id);
