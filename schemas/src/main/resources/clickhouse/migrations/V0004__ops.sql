-- V0004: operational records (schemas/src/main/avro/ops): dead letters and reader checkpoints.
-- Conventions as in V0001.

-- Avro bytes (key, original) -> String: ClickHouse strings are arbitrary byte strings, so the original record is
-- kept byte for byte (RowBinary writes the bytes as they are; read them back with hex(original)).
CREATE TABLE IF NOT EXISTS ${database}.dead_letters
(
    dead_letter_id   String,             -- deterministic: source topic, partition, offset
    reason           String,
    error_type       String,
    source_topic     String,
    source_partition Int32,
    source_offset    Int64,
    key              Nullable(String),   -- original record key, bytes
    original         String,             -- original record value, bytes
    processor        String,
    failed_at        DateTime('UTC'),
    version          UInt64              -- failedAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(failed_at)
ORDER BY (dead_letter_id);

-- The latest checkpoint per reader. version = updatedAt in epoch millis: a reader checkpoints many times per
-- second, which DateTime (seconds) could not order. Unlike the event tables this one is NOT partitioned by month:
-- a reader's checkpoints span months, merges never cross partitions, and one partition keeps the table at one
-- row per reader after merges. It stays tiny (rows = readers).
CREATE TABLE IF NOT EXISTS ${database}.reader_checkpoints
(
    reader_id            String,
    chain_id             String,
    last_block_number    Int64,
    last_block_hash      String,
    recent_blocks_number Array(Int64),    -- Avro recentBlocks[].number, newest last
    recent_blocks_hash   Array(String),   -- Avro recentBlocks[].hash, same order
    updated_at           DateTime('UTC'),
    version              UInt64           -- updatedAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY tuple()
ORDER BY (reader_id);
