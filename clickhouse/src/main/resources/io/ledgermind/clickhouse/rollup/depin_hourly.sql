-- Correction rows for rollup_depin_hourly over [${from}, ${to}); see stablecoin_hourly.sql. The expressions must
-- stay those of V0005's rollup_depin_hourly_mv. resource_units_sum is Float64 (a usage measure): its correction
-- is exact only up to floating-point rounding, hence the tolerance in HAVING.
SELECT network, kind, denom, resource_unit, hour, sum(n_events), sum(a_amount), sum(f_units), sum(n_too_wide)
FROM
(
    SELECT
        toString(network) AS network,
        toString(kind) AS kind,
        ifNull(denom, '') AS denom,
        ifNull(resource_unit, '') AS resource_unit,
        toStartOfHour(event_time) AS hour,
        toInt64(1) AS n_events,
        toDecimal128(if(match(ifNull(amount, '0'), '^-?[0-9]{1,38}$'), ifNull(amount, '0'), '0'), 0) AS a_amount,
        toFloat64OrZero(ifNull(resource_units, '')) AS f_units,
        toInt64(NOT match(ifNull(amount, '0'), '^-?[0-9]{1,38}$')) AS n_too_wide
    FROM ${database}.raw_depin_events FINAL
    WHERE event_time >= toDateTime('${from} 00:00:00', 'UTC') AND event_time < toDateTime('${to} 00:00:00', 'UTC')
    UNION ALL
    SELECT network, kind, denom, resource_unit, hour, -events, -amount_sum, -resource_units_sum, -too_wide
    FROM ${database}.rollup_depin_hourly
    WHERE hour >= toDateTime('${from} 00:00:00', 'UTC') AND hour < toDateTime('${to} 00:00:00', 'UTC')
)
GROUP BY network, kind, denom, resource_unit, hour
HAVING sum(n_events) != 0 OR sum(a_amount) != 0 OR abs(sum(f_units)) > 1e-9 OR sum(n_too_wide) != 0
