-- V0007: the blocks a subnet snapshot stands for. A snapshot carries per-block emission rates and the flows
-- (tao_staked, tao_unstaked, net_tao_flow) of the blocks_covered blocks ending at its block: the simulator sums a
-- tempo's flows (blocks since its previous snapshot), the Subtensor reader reads one block's SubnetTaoFlow
-- (blocks_covered = 1). V0005 assumed one tempo for every snapshot, which overstated a one-block snapshot's emission
-- 360 times over while its flows were one block's. NULL (rows written before this migration) still means one tempo.
--
-- The rollup now multiplies the per-block rates by coalesce(blocks_covered, tempo) and sums the blocks it covered
-- (covered_blocks; not named blocks_covered, see V0005 on aliases), and the view shows them as `blocks`, so a reader
-- can tell a day fully covered (7,200 blocks) from a sample. As V0005 says, a changed rollup needs its
-- materialized view and its view dropped and re-created; rows inserted between the DROP and the CREATE of the
-- materialized view would be missed by the rollup (run `ledgermind clickhouse reconcile` for that day if a sink was
-- writing while this migration ran).

ALTER TABLE ${database}.raw_subnet_snapshots ADD COLUMN blocks_covered Nullable(Int32);

ALTER TABLE ${database}.rollup_subnet_daily ADD COLUMN covered_blocks Int64;

DROP TABLE IF EXISTS ${database}.rollup_subnet_daily_mv;

CREATE MATERIALIZED VIEW IF NOT EXISTS ${database}.rollup_subnet_daily_mv
TO ${database}.rollup_subnet_daily AS
SELECT
    chain_id,
    netuid,
    toDate(event_time) AS day,
    toInt64(1) AS snapshots,
    toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0) AS tao_emission_per_block,
    toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0)
        * coalesce(blocks_covered, tempo) AS tao_emitted,
    toDecimal128(if(match(alpha_emission, '^-?[0-9]{1,28}$'), alpha_emission, '0'), 0)
        * coalesce(blocks_covered, tempo) AS alpha_emitted,
    toDecimal128(if(match(tao_staked, '^-?[0-9]{1,38}$'), tao_staked, '0'), 0) AS staked,
    toDecimal128(if(match(tao_unstaked, '^-?[0-9]{1,38}$'), tao_unstaked, '0'), 0) AS unstaked,
    toDecimal128(if(match(net_tao_flow, '^-?[0-9]{1,38}$'), net_tao_flow, '0'), 0) AS net_flow,
    toInt64(NOT (match(tao_emission, '^-?[0-9]{1,28}$') AND match(alpha_emission, '^-?[0-9]{1,28}$')
                 AND match(tao_staked, '^-?[0-9]{1,38}$') AND match(tao_unstaked, '^-?[0-9]{1,38}$')
                 AND match(net_tao_flow, '^-?[0-9]{1,38}$'))) AS too_wide,
    toInt64(coalesce(blocks_covered, tempo)) AS covered_blocks
FROM ${database}.raw_subnet_snapshots;

DROP TABLE IF EXISTS ${database}.subnet_emission_daily;

CREATE VIEW IF NOT EXISTS ${database}.subnet_emission_daily AS
SELECT
    chain_id,
    netuid,
    day,
    sum(n_snapshots) AS snapshots,
    sum(n_blocks) AS blocks,
    sum(a_tao_emission_per_block) AS tao_emission_per_block,
    sum(a_tao_emitted) AS tao_emitted,
    sum(a_alpha_emitted) AS alpha_emitted,
    sum(a_tao_staked) AS tao_staked,
    sum(a_tao_unstaked) AS tao_unstaked,
    sum(a_net_tao_flow) AS net_tao_flow,
    sum(n_too_wide) AS too_wide
FROM
(
    SELECT chain_id, netuid, day, snapshots AS n_snapshots, covered_blocks AS n_blocks,
           tao_emission_per_block AS a_tao_emission_per_block, tao_emitted AS a_tao_emitted,
           alpha_emitted AS a_alpha_emitted, staked AS a_tao_staked, unstaked AS a_tao_unstaked,
           net_flow AS a_net_tao_flow, too_wide AS n_too_wide
    FROM ${database}.rollup_subnet_daily
    UNION ALL
    SELECT
        chain_id,
        netuid,
        toDate(event_time),
        toInt64(-1),
        -toInt64(coalesce(blocks_covered, tempo)),
        -toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0),
        -toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0)
            * coalesce(blocks_covered, tempo),
        -toDecimal128(if(match(alpha_emission, '^-?[0-9]{1,28}$'), alpha_emission, '0'), 0)
            * coalesce(blocks_covered, tempo),
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
