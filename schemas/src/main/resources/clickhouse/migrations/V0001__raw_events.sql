-- V0001: raw chain events (one table per Avro record of schemas/src/main/avro/raw), retractions, and the
-- canonical views that hide retracted events.
--
-- Dialect: this file must run on Debian's ClickHouse 18.16 AND on modern servers (26.x). See
-- clickhouse/README.md "Dialect rules": no DateTime64, Int128/256, Map, Bool, LowCardinality, TTL, CODEC,
-- skipping indexes, window functions or CTEs. Statements end with ';' and are applied one at a time by
-- io.ledgermind.clickhouse.migrate.MigrationRunner, which replaces ${database} with the target database.
-- Never edit this file once released: the runner refuses a migration whose checksum changed. Add V000N instead.
--
-- Column conventions shared by every raw table:
--  * The Avro field `meta` (common/EventMeta) is flattened into event_id ... source, in the same order.
--  * Avro timestamp-millis -> DateTime('UTC') (seconds). DateTime64 would keep the milliseconds but does not
--    exist on 18.16; block timestamps are whole seconds anyway.
--  * Exact token amounts ("ledgermind.numeric": uint256 | int256 | decimal) are String columns holding the Avro
--    base-10 string as is. 18.16 has no (U)Int256 and its Decimal stops at 38 digits (Decimal128), while a
--    uint256 has up to 78 digits; Float64 would silently round (2^53). Aggregate with
--    toDecimal128(amount, 0) where the values fit 38 digits (see clickhouse/README.md).
--  * Avro enums -> Enum8 with the Avro symbols, numbered from 1 in Avro order. Writers must map by NAME (RowBinary
--    sends the Int8 value), and a new Avro symbol needs a migration (ALTER TABLE ... MODIFY COLUMN) first:
--    an unknown symbol is then rejected at insert instead of being stored silently.
--  * `version` UInt64 = meta.ingestTime in epoch milliseconds: the ReplacingMergeTree version, so a replayed
--    event (same deterministic event_id) collapses to one row, the last ingested one. A UInt64 of millis rather
--    than ingest_time itself because DateTime has only second resolution.
--  * ENGINE ReplacingMergeTree ORDER BY (event_id): the sort key IS the deduplication key, so it holds the
--    deterministic id only. PARTITION BY toYYYYMM(event_time): event_time is the block time, the same on every
--    replay, so duplicates always land in the same partition (merges never cross partitions).
--  * Deduplication happens in background merges, at an unknown time: read with FINAL (or argMax(..., version)
--    GROUP BY event_id), or through the canonical_* views below, never by a bare SELECT.

CREATE TABLE IF NOT EXISTS ${database}.raw_stablecoin_events
(
    event_id      String,
    chain_id      String,            -- CAIP-2, e.g. eip155:1
    block_number  Int64,
    block_hash    Nullable(String),
    tx_hash       Nullable(String),
    log_index     Nullable(Int32),
    event_time    DateTime('UTC'),
    ingest_time   DateTime('UTC'),
    source        String,
    token         String,
    contract      String,
    kind          Enum8('TRANSFER' = 1, 'MINT' = 2, 'BURN' = 3, 'ISSUE' = 4, 'REDEEM' = 5,
                        'DESTROYED_BLACK_FUNDS' = 6),
    from_address  Nullable(String),  -- Avro `from`: renamed, FROM is an SQL keyword
    to_address    Nullable(String),  -- Avro `to`: renamed, TO is an SQL keyword
    operator      Nullable(String),
    amount        String,            -- uint256, exact base-10
    decimals      Int32,
    from_class    Nullable(String),
    to_class      Nullable(String),
    version       UInt64             -- meta.ingestTime, epoch millis
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_id);

CREATE TABLE IF NOT EXISTS ${database}.raw_depin_events
(
    event_id        String,
    chain_id        String,
    block_number    Int64,
    block_hash      Nullable(String),
    tx_hash         Nullable(String),
    log_index       Nullable(Int32),
    event_time      DateTime('UTC'),
    ingest_time     DateTime('UTC'),
    source          String,
    network         Enum8('RENDER' = 1, 'AKASH' = 2),
    kind            Enum8('JOB_SUBMITTED' = 1, 'JOB_COMPLETED' = 2, 'ORDER_CREATED' = 3, 'BID_CREATED' = 4,
                          'LEASE_CREATED' = 5, 'LEASE_CLOSED' = 6, 'PAYMENT' = 7, 'BURN' = 8, 'MINT' = 9),
    provider        Nullable(String),
    consumer        Nullable(String),
    work_id         Nullable(String),
    provider_class  Nullable(String),
    amount          Nullable(String),  -- uint256, exact base-10
    denom           Nullable(String),
    decimals        Nullable(Int32),
    price_per_block Nullable(String),  -- non-negative decimal string (Cosmos DecCoin, up to 18 decimals)
    resource_units  Nullable(String),  -- non-negative decimal string
    resource_unit   Nullable(String),
    version         UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_id);

CREATE TABLE IF NOT EXISTS ${database}.raw_subnet_snapshots
(
    event_id              String,
    chain_id              String,
    block_number          Int64,
    block_hash            Nullable(String),
    tx_hash               Nullable(String),
    log_index             Nullable(Int32),
    event_time            DateTime('UTC'),
    ingest_time           DateTime('UTC'),
    source                String,
    netuid                Int32,
    tempo                 Int32,
    tao_reserve           String,            -- rao, uint256
    alpha_reserve         String,            -- uint256
    alpha_outstanding     Nullable(String),  -- uint256
    price                 Float64,           -- a ratio (TAO per alpha), not an amount: Float64 is right
    moving_price          Nullable(Float64),
    tao_emission          String,            -- rao per block, uint256
    alpha_emission        String,            -- uint256
    emission_share        Float64,
    tao_staked            String,            -- rao, uint256
    tao_unstaked          String,            -- rao, uint256
    net_tao_flow          String,            -- rao, int256 (may start with '-')
    miner_burned_fraction Nullable(Float64),
    block_emission        String,            -- rao per block, uint256
    total_issuance        String,            -- rao, uint256
    emission_rule         String,            -- PRICE_EMA | TAOFLOW (an Avro string, not an enum)
    version               UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_id);

CREATE TABLE IF NOT EXISTS ${database}.raw_oracle_rounds
(
    event_id          String,
    chain_id          String,
    block_number      Int64,
    block_hash        Nullable(String),
    tx_hash           Nullable(String),
    log_index         Nullable(Int32),
    event_time        DateTime('UTC'),
    ingest_time       DateTime('UTC'),
    source            String,             -- meta.source (the reader)
    feed_address      String,
    feed_id           Nullable(String),
    oracle_source     Enum8('LEDGERMIND' = 1, 'CHAINLINK' = 2),  -- Avro `source`: renamed, meta.source owns `source`
    kind              Enum8('ANSWER_UPDATED' = 1, 'NEW_ROUND' = 2, 'NEW_TRANSMISSION' = 3, 'ROUND_PUBLISHED' = 4),
    round_id          String,             -- uint256 (uint80 for Chainlink)
    answer            Nullable(String),   -- int256, may be negative
    decimals          Nullable(Int32),
    updated_at        Nullable(DateTime('UTC')),
    started_by        Nullable(String),
    transmitter       Nullable(String),
    model_hash        Nullable(String),
    inputs_commitment Nullable(String),
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_id);

CREATE TABLE IF NOT EXISTS ${database}.raw_block_headers
(
    event_id          String,
    chain_id          String,
    block_number      Int64,
    block_hash        Nullable(String),
    tx_hash           Nullable(String),
    log_index         Nullable(Int32),
    event_time        DateTime('UTC'),
    ingest_time       DateTime('UTC'),
    source            String,
    parent_hash       String,
    base_fee_per_gas  Nullable(String),   -- wei, uint256
    transaction_count Nullable(Int32),
    version           UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_id);

-- A retraction withdraws one event of an orphaned block. Its own meta names the orphaned block; it is keyed by
-- its own deterministic event_id, and the canonical views look up retracted_event_id.
CREATE TABLE IF NOT EXISTS ${database}.retractions
(
    event_id              String,
    chain_id              String,
    block_number          Int64,
    block_hash            Nullable(String),
    tx_hash               Nullable(String),
    log_index             Nullable(Int32),
    event_time            DateTime('UTC'),
    ingest_time           DateTime('UTC'),
    source                String,
    retracted_event_id    String,
    orphaned_block_number Int64,
    orphaned_block_hash   String,
    canonical_block_hash  Nullable(String),
    reorg_depth           Int32,
    reason                String,
    version               UInt64
)
ENGINE = ReplacingMergeTree(version)
PARTITION BY toYYYYMM(event_time)
ORDER BY (event_id);

-- Canonical views: the deduplicated table (FINAL) minus retracted events. FINAL merges the rows of one key at
-- read time, so a replayed event counts once even before the background merge ran (and also across partitions).
-- The NOT IN subquery needs no FINAL: a duplicated retraction id changes nothing in a set. Both FINAL in a view
-- and NOT IN (subquery) were checked on 18.16 and 26.x. `SELECT *` is expanded when the view is created: a later
-- migration that adds a column to a raw table must DROP and re-CREATE its canonical view.
CREATE VIEW IF NOT EXISTS ${database}.canonical_raw_stablecoin_events AS
SELECT *
FROM ${database}.raw_stablecoin_events FINAL
WHERE event_id NOT IN (SELECT retracted_event_id FROM ${database}.retractions);

CREATE VIEW IF NOT EXISTS ${database}.canonical_raw_depin_events AS
SELECT *
FROM ${database}.raw_depin_events FINAL
WHERE event_id NOT IN (SELECT retracted_event_id FROM ${database}.retractions);

CREATE VIEW IF NOT EXISTS ${database}.canonical_raw_subnet_snapshots AS
SELECT *
FROM ${database}.raw_subnet_snapshots FINAL
WHERE event_id NOT IN (SELECT retracted_event_id FROM ${database}.retractions);

CREATE VIEW IF NOT EXISTS ${database}.canonical_raw_oracle_rounds AS
SELECT *
FROM ${database}.raw_oracle_rounds FINAL
WHERE event_id NOT IN (SELECT retracted_event_id FROM ${database}.retractions);

CREATE VIEW IF NOT EXISTS ${database}.canonical_raw_block_headers AS
SELECT *
FROM ${database}.raw_block_headers FINAL
WHERE event_id NOT IN (SELECT retracted_event_id FROM ${database}.retractions);
