-- Correction rows for rollup_stablecoin_hourly over [${from}, ${to}): per key, the aggregate of the distinct raw
-- events (FINAL) minus what the rollup holds. Inserted, they make the rollup equal to the raw table's aggregate.
-- The expressions must stay those of V0005's rollup_stablecoin_hourly_mv (RollupReconcilerITCase compares them).
SELECT chain_id, token, hour, sum(n_events), sum(n_transfers), sum(a_transferred), sum(a_minted), sum(a_burned),
       sum(n_too_wide)
FROM
(
    SELECT
        chain_id,
        token,
        toStartOfHour(event_time) AS hour,
        toInt64(1) AS n_events,
        toInt64(kind = 'TRANSFER') AS n_transfers,
        toDecimal128(if(kind = 'TRANSFER' AND match(amount, '^-?[0-9]{1,38}$'), amount, '0'), 0) AS a_transferred,
        toDecimal128(if(kind IN ('MINT', 'ISSUE') AND match(amount, '^-?[0-9]{1,38}$'), amount, '0'), 0) AS a_minted,
        toDecimal128(if(kind IN ('BURN', 'REDEEM', 'DESTROYED_BLACK_FUNDS') AND match(amount, '^-?[0-9]{1,38}$'),
                        amount, '0'), 0) AS a_burned,
        toInt64(NOT match(amount, '^-?[0-9]{1,38}$')) AS n_too_wide
    FROM ${database}.raw_stablecoin_events FINAL
    WHERE event_time >= toDateTime('${from} 00:00:00', 'UTC') AND event_time < toDateTime('${to} 00:00:00', 'UTC')
    UNION ALL
    SELECT chain_id, token, hour, -events, -transfers, -transferred, -minted, -burned, -too_wide
    FROM ${database}.rollup_stablecoin_hourly
    WHERE hour >= toDateTime('${from} 00:00:00', 'UTC') AND hour < toDateTime('${to} 00:00:00', 'UTC')
)
GROUP BY chain_id, token, hour
HAVING sum(n_events) != 0 OR sum(n_transfers) != 0 OR sum(a_transferred) != 0 OR sum(a_minted) != 0
    OR sum(a_burned) != 0 OR sum(n_too_wide) != 0
