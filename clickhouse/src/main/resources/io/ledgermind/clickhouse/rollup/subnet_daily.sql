-- Correction rows for rollup_subnet_daily over [${from}, ${to}); see stablecoin_hourly.sql. The expressions must
-- stay those of rollup_subnet_daily_mv as V0007 re-created it (emission × the blocks a snapshot covers).
SELECT chain_id, netuid, day, sum(n_snapshots), sum(a_per_block), sum(a_tao_emitted), sum(a_alpha_emitted),
       sum(a_staked), sum(a_unstaked), sum(a_net_flow), sum(n_too_wide), sum(n_blocks)
FROM
(
    SELECT
        chain_id,
        netuid,
        toDate(event_time) AS day,
        toInt64(1) AS n_snapshots,
        toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0) AS a_per_block,
        toDecimal128(if(match(tao_emission, '^-?[0-9]{1,28}$'), tao_emission, '0'), 0)
            * coalesce(blocks_covered, tempo) AS a_tao_emitted,
        toDecimal128(if(match(alpha_emission, '^-?[0-9]{1,28}$'), alpha_emission, '0'), 0)
            * coalesce(blocks_covered, tempo) AS a_alpha_emitted,
        toDecimal128(if(match(tao_staked, '^-?[0-9]{1,38}$'), tao_staked, '0'), 0) AS a_staked,
        toDecimal128(if(match(tao_unstaked, '^-?[0-9]{1,38}$'), tao_unstaked, '0'), 0) AS a_unstaked,
        toDecimal128(if(match(net_tao_flow, '^-?[0-9]{1,38}$'), net_tao_flow, '0'), 0) AS a_net_flow,
        toInt64(NOT (match(tao_emission, '^-?[0-9]{1,28}$') AND match(alpha_emission, '^-?[0-9]{1,28}$')
                     AND match(tao_staked, '^-?[0-9]{1,38}$') AND match(tao_unstaked, '^-?[0-9]{1,38}$')
                     AND match(net_tao_flow, '^-?[0-9]{1,38}$'))) AS n_too_wide,
        toInt64(coalesce(blocks_covered, tempo)) AS n_blocks
    FROM ${database}.raw_subnet_snapshots FINAL
    WHERE event_time >= toDateTime('${from} 00:00:00', 'UTC') AND event_time < toDateTime('${to} 00:00:00', 'UTC')
    UNION ALL
    SELECT chain_id, netuid, day, -snapshots, -tao_emission_per_block, -tao_emitted, -alpha_emitted, -staked,
           -unstaked, -net_flow, -too_wide, -covered_blocks
    FROM ${database}.rollup_subnet_daily
    WHERE day >= toDate('${from}') AND day < toDate('${to}')
)
GROUP BY chain_id, netuid, day
HAVING sum(n_snapshots) != 0 OR sum(a_per_block) != 0 OR sum(a_tao_emitted) != 0 OR sum(a_alpha_emitted) != 0
    OR sum(a_staked) != 0 OR sum(a_unstaked) != 0 OR sum(a_net_flow) != 0 OR sum(n_too_wide) != 0
    OR sum(n_blocks) != 0
