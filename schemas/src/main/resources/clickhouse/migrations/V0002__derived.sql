-- V0002: derived records (schemas/src/main/avro/derived): feature windows, forecasts, policy actions.
-- Conventions as in V0001 (timestamps DateTime('UTC'), exact amounts String, enums Enum8 mapped by name,
-- version UInt64 = epoch millis, read with FINAL). Nested Avro records and maps become parallel arrays of equal
-- length (points_*, allocations_*, value_*, exact_*): Map and Tuple-in-Array handling differ between 18.16 and
-- modern servers, parallel arrays work on both and ARRAY JOIN zips them back:
--   SELECT forecast_id, h, v FROM ${database}.forecasts FINAL
--   ARRAY JOIN points_horizon_millis AS h, points_value AS v

-- One row per (domain, entity, window): a correction re-emits the window with revision + 1, and
-- ReplacingMergeTree(revision) keeps the highest revision of each key. feature_id (which includes the revision)
-- is therefore NOT the key here. Two emissions with the same revision are the same window computed again
-- (deterministic), so whichever is kept is right. window_start is the same for every revision, so all revisions
-- of one window share a partition and merges collapse them.
CREATE TABLE IF NOT EXISTS ${database}.feature_windows
(
    feature_id      String,
    domain          Enum8('STABLECOIN' = 1, 'DEPIN' = 2, 'BITTENSOR' = 3),
    entity          String,
    window_start    DateTime('UTC'),
    window_end      DateTime('UTC'),
    value_names     Array(String),   -- keys of Avro map `values`
    value_values    Array(Float64),  -- values of `values`, same order
    exact_names     Array(String),   -- keys of Avro map `exactValues`
    exact_values    Array(String),   -- int256 base-10 strings, same order
    event_count     Int64,
    retracted_count Int64,
    revision        UInt32,          -- Avro int, never negative; the ReplacingMergeTree version
    feature_spec    String,
    computed_at     DateTime('UTC')
)
ENGINE = ReplacingMergeTree(revision)
PARTITION BY toYYYYMM(window_start)
ORDER BY (domain, entity, window_start, window_end);

-- forecast_id is deterministic (model hash + feature id); issued_at (end of the input window) is the same on
-- every replay, so it partitions.
CREATE TABLE IF NOT EXISTS ${database}.forecasts
(
    forecast_id           String,
    domain                Enum8('STABLECOIN' = 1, 'DEPIN' = 2, 'BITTENSOR' = 3),
    entity                String,
    target                String,
    feature_id            String,
    issued_at             DateTime('UTC'),
    points_horizon_millis Array(Int64),
    points_target_time    Array(DateTime('UTC')),
    points_value          Array(Float64),
    points_lower          Array(Float64),
    points_upper          Array(Float64),
    interval_level        Float64,
    model_name            String,
    model_hash            String,
    computed_at           DateTime('UTC'),
    flags                 Array(String),
    version               UInt64     -- computedAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(issued_at)
ORDER BY (forecast_id);

-- PolicyAction has no time but computedAt: a replay computed in another month lands in another partition and is
-- only collapsed at read time (FINAL merges across partitions; background merges do not).
CREATE TABLE IF NOT EXISTS ${database}.policy_actions
(
    action_id          String,
    domain             Enum8('STABLECOIN' = 1, 'DEPIN' = 2, 'BITTENSOR' = 3),
    entity             String,
    feature_id         String,
    action_index       Int32,
    action_name        String,
    probabilities      Array(Float64),
    state_value        Float64,
    allocations_target Array(String),
    allocations_weight Array(Float64),
    model_name         String,
    model_hash         String,
    computed_at        DateTime('UTC'),
    version            UInt64     -- computedAt, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(computed_at)
ORDER BY (action_id);
