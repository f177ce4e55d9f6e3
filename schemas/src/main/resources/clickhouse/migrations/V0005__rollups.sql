-- V0005: rollups for data teams. Hourly stablecoin flows per token, daily emission per Bittensor subnet, hourly
-- DePIN usage per network. Each is a SummingMergeTree table fed by a MATERIALIZED VIEW ... TO on the raw table,
-- plus a plain VIEW that is the one to query.
--
-- Dialect as in V0001 (18.16 AND modern servers). Why these choices:
--  * Exact amounts: the raw columns are base-10 strings (uint256/int256). The rollups sum them as Decimal(38, 0)
--    (Decimal128): exact below 10^38 (USDC/USDT totals stay below 10^20, TAO in rao below 10^18). 18.16 has no
--    (U)Int256; Float64 would round above 2^53. toDecimal128 THROWS on more than 38 digits, and a throwing
--    materialized view would fail the raw INSERT itself, so every amount goes through the guard
--    match(x, '^-?[0-9]{1,38}$'): wider (or malformed) values add 0 and are counted in too_wide instead. A sum
--    that crosses 10^38 wraps silently (checked on 18.16 and 26.x): far above any real figure of these tokens.
--  * SummingMergeTree with only additive columns (counts as Int64, sums as Decimal): rows of one key may stay
--    unmerged for a while, so readers always sum(...) GROUP BY the key (the views do). Additive columns also make
--    the correction below possible: a negative row subtracts.
--  * toStartOfHour / toDate on the DateTime('UTC') column: UTC buckets on every server (no toStartOfInterval).
--
-- Replays and retractions. A materialized view sees each INSERT block and nothing else:
--  * Retracted events (reorgs): the rollup keeps them; the *_hourly / *_daily views subtract, at query time, the
--    events whose ids are in `retractions` (read from the raw table FINAL, so a replayed raw row is subtracted
--    once, and a replayed retraction too, because IN builds a set). A retraction that arrives before its event
--    works as well: the subtraction happens whenever both are present.
--  * Replays (the at-least-once ClickHouse sink re-inserts a batch after a failure): the raw table collapses them
--    (ReplacingMergeTree), the rollup counts them again. io.ledgermind.clickhouse.rollup.RollupReconciler repairs a
--    closed range of days: it inserts, per key, (aggregate of the raw table FINAL) - (what the rollup holds), so
--    afterwards rollup = aggregate of the distinct raw events. Run it after a sink recovery, and once after this
--    migration on a database that already had raw rows (the views never see rows inserted before they existed).
--    Invariant: rollup table = aggregate of distinct raw events (retracted included); view = that minus retracted
--    = aggregate of the canonical_raw_* view.
--
-- Views read columns by name: a later migration that changes a rollup must DROP and re-create its view.
-- Naming: a rollup column never reuses the name of a raw column that another expression of its materialized view
-- reads (ClickHouse substitutes aliases everywhere in a SELECT: `... AS tao_staked` would turn a later
-- match(tao_staked, ...) into a Decimal argument). Hence staked / net_flow / amount_sum; the views rename back.

-- Stablecoin supply flows. Minted = MINT + ISSUE (USDT), burned = BURN + REDEEM (USDT) + DESTROYED_BLACK_FUNDS
-- (USDT, no Transfer event). A USDC Mint also has a Transfer from the zero address: it is counted as a transfer,
-- never twice as supply.
CREATE TABLE IF NOT EXISTS ${database}.rollup_stablecoin_hourly
(
    chain_id    String,
    token       String,
    hour        DateTime('UTC'),
    events      Int64,            -- events of every kind
    transfers   Int64,            -- TRANSFER events
    transferred Decimal(38, 0),   -- sum of TRANSFER amounts, smallest units
    minted      Decimal(38, 0),
    burned      Decimal(38, 0),
    too_wide    Int64             -- events whose amount has more than 38 digits: left out of the sums
)
ENGINE = SummingMergeTree()
PARTITION BY toYYYYMM(hour)
ORDER BY (chain_id, token, hour);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.rollup_stablecoin_hourly_mv
TO ${database}.rollup_stablecoin_hourly AS
SELECT
    chain_id,
    token,
    toStartOfHour(event_time) AS hour,
    toInt64(1) AS events,
    toInt64(kind = 'TRANSFER') AS transfers,
    toDecimal128(if(kind = 'TRANSFER' AND match(amount, '^-?[0-9]{1,38}$'), amount, '0'), 0) AS transferred,
    toDecimal128(if(kind IN ('MINT', 'ISSUE') AND match(amount, '^-?[0-9]{1,38}$'), amount, '0'), 0) AS minted,
    toDecimal128(if(kind IN ('BURN', 'REDEEM', 'DESTROYED_BLACK_FUNDS') AND match(amount, '^-?[0-9]{1,38}$'),
                    amount, '0'), 0) AS burned,
    toInt64(NOT match(amount, '^-?[0-9]{1,38}$')) AS too_wide
FROM ${database}.raw_stablecoin_events;

CREATE VIEW IF NOT EXISTS ${database}.stablecoin_flows_hourly AS
SELECT
    chain_id,
    token,
    hour,
    sum(n_events) AS events,
    sum(n_transfers) AS transfers,
    sum(a_transferred) AS transferred,
    sum(a_minted) AS minted,
    sum(a_burned) AS burned,
    sum(a_minted) - sum(a_burned) AS net_supply_change,
    sum(n_too_wide) AS too_wide
FROM
(
    SELECT chain_id, token, hour, events AS n_events, transfers AS n_transfers, transferred AS a_transferred,
           minted AS a_minted, burned AS a_burned, too_wide AS n_too_wide
    FROM ${database}.rollup_stablecoin_hourly
    UNION ALL
    SELECT
        chain_id,
        token,
        toStartOfHour(event_time),
        toInt64(-1),
        -toInt64(kind = 'TRANSFER'),
        -toDecimal128(if(kind = 'TRANSFER' AND match(amount, '^-?[0-9]{1,38}$'), amount, '0'), 0),
        -toDecimal128(if(kind IN ('MINT', 'ISSUE') AND match(amount, '^-?[0-9]{1,38}$'), amount, '0'), 0),
        -toDecimal128(if(kind IN ('BURN', 'REDEEM', 'DESTROYED_BLACK_FUNDS') AND match(amount, '^-?[0-9]{1,38}$'),
                         amount, '0'), 0),
        -toInt64(NOT match(amount, '^-?[0-9]{1,38}$'))
    FROM ${database}.raw_stablecoin_events FINAL
    WHERE event_id IN (SELECT retracted_event_id FROM ${database}.retractions)
)
GROUP BY chain_id, token, hour
HAVING sum(n_events) != 0;

-- Bittensor emission per subnet and UTC day. A snapshot carries per-block rates (tao_emission: rao per block) and
-- flows since the previous snapshot (tao_staked, tao_unstaked, net_tao_flow). Snapshots are taken once per tempo
-- (ingest's Subtensor source and simulator), so each stands for `tempo` blocks: tao_emitted = sum of
-- tao_emission * tempo. For another cadence use tao_emission_per_block / snapshots (the average rate).
-- The per-block rates are guarded to 28 digits, not 38: Decimal multiplication THROWS on overflow ("Decimal math
-- overflow", unlike sum, which wraps), and 28 digits times any Int32 tempo stays below 10^38.
CREATE TABLE IF NOT EXISTS ${database}.rollup_subnet_daily
(
    chain_id               String,
    netuid                 Int32,
    day                    Date,
    snapshots              Int64,
    tao_emission_per_block Decimal(38, 0),  -- sum over snapshots of the per-block rate, rao
    tao_emitted            Decimal(38, 0),  -- sum of tao_emission * tempo, rao
    alpha_emitted          Decimal(38, 0),  -- sum of alpha_emission * tempo
    staked                 Decimal(38, 0),  -- sum of tao_staked, rao
    unstaked               Decimal(38, 0),  -- sum of tao_unstaked, rao
    net_flow               Decimal(38, 0),  -- sum of net_tao_flow, rao, may be negative
    too_wide               Int64            -- snapshots with an amount of more than 38 digits (left out)
)
ENGINE = SummingMergeTree()
PARTITION BY toYYYYMM(day)
ORDER BY (chain_id, netuid, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.rollup_subnet_daily_mv
TO ${database}.rollup_subnet_daily AS
SELECT
    chain_id,
    netuid,
    toDate(event_time) AS day,
    toInt64(1) AS snapshots,
    toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0) AS tao_emission_per_block,
    toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0) * tempo AS tao_emitted,
    toDecimal128(if(match(alpha_emission, '^-?[0-9]{1,28}$'), alpha_emission, '0'), 0) * tempo AS alpha_emitted,
    toDecimal128(if(match(tao_staked, '^-?[0-9]{1,38}$'), tao_staked, '0'), 0) AS staked,
    toDecimal128(if(match(tao_unstaked, '^-?[0-9]{1,38}$'), tao_unstaked, '0'), 0) AS unstaked,
    toDecimal128(if(match(net_tao_flow, '^-?[0-9]{1,38}$'), net_tao_flow, '0'), 0) AS net_flow,
    toInt64(NOT (match(tao_emission, '^-?[0-9]{1,28}$') AND match(alpha_emission, '^-?[0-9]{1,28}$')
                 AND match(tao_staked, '^-?[0-9]{1,38}$') AND match(tao_unstaked, '^-?[0-9]{1,38}$')
                 AND match(net_tao_flow, '^-?[0-9]{1,38}$'))) AS too_wide
FROM ${database}.raw_subnet_snapshots;

CREATE VIEW IF NOT EXISTS ${database}.subnet_emission_daily AS
SELECT
    chain_id,
    netuid,
    day,
    sum(n_snapshots) AS snapshots,
    sum(a_tao_emission_per_block) AS tao_emission_per_block,
    sum(a_tao_emitted) AS tao_emitted,
    sum(a_alpha_emitted) AS alpha_emitted,
    sum(a_tao_staked) AS tao_staked,
    sum(a_tao_unstaked) AS tao_unstaked,
    sum(a_net_tao_flow) AS net_tao_flow,
    sum(n_too_wide) AS too_wide
FROM
(
    SELECT chain_id, netuid, day, snapshots AS n_snapshots, tao_emission_per_block AS a_tao_emission_per_block,
           tao_emitted AS a_tao_emitted, alpha_emitted AS a_alpha_emitted, staked AS a_tao_staked,
           unstaked AS a_tao_unstaked, net_flow AS a_net_tao_flow, too_wide AS n_too_wide
    FROM ${database}.rollup_subnet_daily
    UNION ALL
    SELECT
        chain_id,
        netuid,
        toDate(event_time),
        toInt64(-1),
        -toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0),
        -toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0) * tempo,
        -toDecimal128(if(match(alpha_emission, '^-?[0-9]{1,28}$'), alpha_emission, '0'), 0) * tempo,
        -toDecimal128(if(match(tao_staked, '^-?[0-9]{1,38}$'), tao_staked, '0'), 0),
        -toDecimal128(if(match(tao_unstaked, '^-?[0-9]{1,38}$'), tao_unstaked, '0'), 0),
        -toDecimal128(if(match(net_tao_flow, '^-?[0-9]{1,38}$'), net_tao_flow, '0'), 0),
        -toInt64(NOT (match(tao_emission, '^-?[0-9]{1,28}$') AND match(alpha_emission, '^-?[0-9]{1,28}$')
                      AND match(tao_staked, '^-?[0-9]{1,38}$') AND match(tao_unstaked, '^-?[0-9]{1,38}$')
                      AND match(net_tao_flow, '^-?[0-9]{1,38}$')))
    FROM ${database}.raw_subnet_snapshots FINAL
    WHERE event_id IN (SELECT retracted_event_id FROM ${database}.retractions)
)
GROUP BY chain_id, netuid, day
HAVING sum(n_snapshots) != 0;

-- DePIN usage per network, event kind and hour (depin_usage_daily sums the hours per UTC day). network and kind
-- are Strings here, not Enum8: a new Avro symbol then needs a migration of the raw table only. denom and
-- resource_unit are '' where the event has none (Nullable cannot be part of the key). amount is in smallest units
-- of denom: never add amounts of different denoms. resource_units is a usage measure (GPU hours, OctaneBench
-- hours), not money, and may carry 18 decimals: Float64 (toFloat64OrZero never throws).
CREATE TABLE IF NOT EXISTS ${database}.rollup_depin_hourly
(
    network            String,
    kind               String,
    denom              String,
    resource_unit      String,
    hour               DateTime('UTC'),
    events             Int64,
    amount_sum         Decimal(38, 0),  -- smallest units of denom
    resource_units_sum Float64,
    too_wide           Int64            -- events whose amount has more than 38 digits (left out of amount_sum)
)
ENGINE = SummingMergeTree()
PARTITION BY toYYYYMM(hour)
ORDER BY (network, kind, denom, resource_unit, hour);

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.rollup_depin_hourly_mv
TO ${database}.rollup_depin_hourly AS
SELECT
    toString(network) AS network,
    toString(kind) AS kind,
    ifNull(denom, '') AS denom,
    ifNull(resource_unit, '') AS resource_unit,
    toStartOfHour(event_time) AS hour,
    toInt64(1) AS events,
    toDecimal128(if(match(ifNull(amount, '0'), '^-?[0-9]{1,38}$'), ifNull(amount, '0'), '0'), 0) AS amount_sum,
    toFloat64OrZero(ifNull(resource_units, '')) AS resource_units_sum,
    toInt64(NOT match(ifNull(amount, '0'), '^-?[0-9]{1,38}$')) AS too_wide
FROM ${database}.raw_depin_events;

CREATE VIEW IF NOT EXISTS ${database}.depin_usage_hourly AS
SELECT
    network,
    kind,
    denom,
    resource_unit,
    hour,
    sum(n_events) AS events,
    sum(a_amount) AS amount,
    sum(f_resource_units) AS resource_units,
    sum(n_too_wide) AS too_wide
FROM
(
    SELECT network, kind, denom, resource_unit, hour, events AS n_events, amount_sum AS a_amount,
           resource_units_sum AS f_resource_units, too_wide AS n_too_wide
    FROM ${database}.rollup_depin_hourly
    UNION ALL
    SELECT
        toString(network),
        toString(kind),
        ifNull(denom, ''),
        ifNull(resource_unit, ''),
        toStartOfHour(event_time),
        toInt64(-1),
        -toDecimal128(if(match(ifNull(amount, '0'), '^-?[0-9]{1,38}$'), ifNull(amount, '0'), '0'), 0),
        -toFloat64OrZero(ifNull(resource_units, '')),
        -toInt64(NOT match(ifNull(amount, '0'), '^-?[0-9]{1,38}$'))
    FROM ${database}.raw_depin_events FINAL
    WHERE event_id IN (SELECT retracted_event_id FROM ${database}.retractions)
)
GROUP BY network, kind, denom, resource_unit, hour
HAVING sum(n_events) != 0;

CREATE VIEW IF NOT EXISTS ${database}.depin_usage_daily AS
SELECT
    network,
    kind,
    denom,
    resource_unit,
    toDate(hour) AS day,
    sum(events) AS events,
    sum(amount) AS amount,
    sum(resource_units) AS resource_units,
    sum(too_wide) AS too_wide
FROM ${database}.depin_usage_hourly
GROUP BY network, kind, denom, resource_unit, day;
