-- A small known world for QUERIES.md (QueriesITCase). Every figure the test expects follows from these rows.

-- Stablecoins, 2026-11-25. USDC 10h: +5 minted, -2 burned, one transfer; 11h: +1 minted, -0.25 burned, and a
-- transfer of 700 that a reorg retracts. USDT 10h: +9 issued, -1 redeemed. sc-1 is replayed (the sink's
-- at-least-once delivery): the raw table collapses it, the rollup needs the reconciler.
INSERT INTO ${database}.raw_stablecoin_events (event_id, chain_id, block_number, event_time, token, kind, amount, decimals, version) VALUES
('sc-1', 'eip155:1', 500, '2026-11-25 10:05:00', 'USDC', 'MINT', '5000000', 6, 1),
('sc-2', 'eip155:1', 500, '2026-11-25 10:06:00', 'USDC', 'BURN', '2000000', 6, 1),
('sc-3', 'eip155:1', 500, '2026-11-25 10:07:00', 'USDC', 'TRANSFER', '1000000', 6, 1),
('sc-4', 'eip155:1', 501, '2026-11-25 11:05:00', 'USDC', 'MINT', '1000000', 6, 1),
('sc-5', 'eip155:1', 501, '2026-11-25 11:06:00', 'USDC', 'BURN', '250000', 6, 1),
('sc-6', 'eip155:1', 501, '2026-11-25 11:07:00', 'USDC', 'TRANSFER', '700', 6, 1),
('sc-7', 'eip155:1', 500, '2026-11-25 10:08:00', 'USDT', 'ISSUE', '9000000', 6, 1),
('sc-8', 'eip155:1', 500, '2026-11-25 10:09:00', 'USDT', 'REDEEM', '1000000', 6, 1);
INSERT INTO ${database}.raw_stablecoin_events (event_id, chain_id, block_number, event_time, token, kind, amount, decimals, version) VALUES
('sc-1', 'eip155:1', 500, '2026-11-25 10:05:00', 'USDC', 'MINT', '5000000', 6, 1);

-- The reorg: block 501's first version is orphaned; it had sc-6 and sc-x (never stored: nothing to subtract).
INSERT INTO ${database}.retractions (event_id, chain_id, block_number, event_time, retracted_event_id, orphaned_block_number, orphaned_block_hash, canonical_block_hash, reorg_depth, reason, version) VALUES
('rt-sc-6', 'eip155:1', 501, '2026-11-25 11:07:00', 'sc-6', 501, '0xorph', '0xcanon', 1, 'parent hash mismatch', 1),
('rt-sc-x', 'eip155:1', 501, '2026-11-25 11:07:00', 'sc-x', 501, '0xorph', '0xcanon', 1, 'parent hash mismatch', 1);

-- Bittensor: subnet 1 emits 15,000,000 rao per block in two snapshots, subnet 2 10,000,000 in one; tempo 360.
INSERT INTO ${database}.raw_subnet_snapshots (event_id, chain_id, event_time, netuid, tempo, tao_emission, alpha_emission, tao_staked, tao_unstaked, net_tao_flow, version) VALUES
('sn-1a', 'bittensor:finney', '2026-11-25 01:00:00', 1, 360, '15000000', '1000000000', '0', '0', '0', 1),
('sn-1b', 'bittensor:finney', '2026-11-25 02:12:00', 1, 360, '15000000', '1000000000', '0', '0', '0', 1),
('sn-2a', 'bittensor:finney', '2026-11-25 01:00:00', 2, 360, '10000000', '1000000000', '0', '0', '0', 1);

-- DePIN: two Akash leases (GPU hours), a Render job (OctaneBench hours), a RENDER burn and a mint.
INSERT INTO ${database}.raw_depin_events (event_id, chain_id, event_time, network, kind, amount, denom, resource_units, resource_unit, version) VALUES
('dp-1', 'cosmos:akashnet-2', '2026-11-25 12:00:00', 'AKASH', 'LEASE_CREATED', '250000000', 'uakt', '1.25', 'gpu-hours', 1),
('dp-2', 'cosmos:akashnet-2', '2026-11-25 14:00:00', 'AKASH', 'LEASE_CREATED', '500000000', 'uakt', '2.5', 'gpu-hours', 1),
('dp-3', 'eip155:1', '2026-11-25 12:30:00', 'RENDER', 'JOB_COMPLETED', NULL, NULL, '3.5', 'OBh', 1),
('dp-4', 'eip155:1', '2026-11-25 12:40:00', 'RENDER', 'BURN', '1000000000000000000', 'RENDER', NULL, NULL, 1),
('dp-5', 'eip155:1', '2026-11-25 12:50:00', 'RENDER', 'MINT', '800000000000000000', 'RENDER', NULL, NULL, 1);

-- Forecasts of USDC's hourly net supply change issued at 09:00 and 10:00 (fc-usdc-2 replayed), and one Akash one.
INSERT INTO ${database}.forecasts (forecast_id, domain, entity, target, issued_at, points_horizon_millis, points_target_time, points_value, points_lower, points_upper, interval_level, model_name, computed_at, version) VALUES
('fc-usdc-1', 'STABLECOIN', 'USDC', 'net_supply_change', '2026-11-25 09:00:00', [3600000, 7200000], ['2026-11-25 10:00:00', '2026-11-25 11:00:00'], [2500000, 900000], [2000000, 800000], [3500000, 1000000], 0.8, 'lstm-stablecoin', '2026-11-25 09:00:01', 1),
('fc-usdc-2', 'STABLECOIN', 'USDC', 'net_supply_change', '2026-11-25 10:00:00', [3600000], ['2026-11-25 11:00:00'], [700000], [600000], [800000], 0.8, 'lstm-stablecoin', '2026-11-25 10:00:01', 2),
('fc-akash', 'DEPIN', 'AKASH', 'gpu_hours', '2026-11-25 08:00:00', [3600000], ['2026-11-25 09:00:00'], [12.5], [10], [15], 0.8, 'lstm-depin', '2026-11-25 08:00:01', 3);
INSERT INTO ${database}.forecasts (forecast_id, domain, entity, target, issued_at, points_horizon_millis, points_target_time, points_value, points_lower, points_upper, interval_level, model_name, computed_at, version) VALUES
('fc-usdc-2', 'STABLECOIN', 'USDC', 'net_supply_change', '2026-11-25 10:00:00', [3600000], ['2026-11-25 11:00:00'], [700000], [600000], [800000], 0.8, 'lstm-stablecoin', '2026-11-25 10:00:01', 2);

-- Oracle: requests for two feeds, one report confirmed with both rounds, one reverted, one of unknown fate.
INSERT INTO ${database}.oracle_requests (request_id, feed_id, round_id, answer, decimals, observed_at, created_at, version) VALUES
('rq-1', 'usdc-net-flow', '7', '3000000', 6, '2026-11-25 11:00:00', '2026-11-25 11:00:02', 1),
('rq-2', 'tao-sn1-emission', '3', '750000000000000000', 18, '2026-11-25 11:00:00', '2026-11-25 11:00:02', 1);
INSERT INTO ${database}.publication_outcomes (outcome_id, report_id, status, chain_id, tx_hash, block_number, rounds_feed_id, rounds_round_id, revert_reason, attempts, recorded_at, version) VALUES
('po-1', 'rp-1', 'CONFIRMED', 'eip155:31337', '0xabc', 100, ['usdc-net-flow', 'tao-sn1-emission'], ['7', '3'], NULL, 1, '2026-11-25 12:00:00', 1),
('po-2', 'rp-0', 'REVERTED', 'eip155:31337', '0xdef', 99, ['usdc-net-flow'], ['6'], 'StaleRound', 1, '2026-11-25 11:30:00', 1),
('po-3', 'rp-2', 'UNKNOWN', 'eip155:31337', NULL, NULL, ['usdc-net-flow'], ['8'], NULL, 3, '2026-11-25 12:30:00', 1);

-- What became of each request: rq-1 and rq-2 published in rp-1 (rounds 7 and 3), rq-0 superseded.
INSERT INTO ${database}.oracle_request_outcomes VALUES
('ro-1', 'rq-1', 'usdc-net-flow', '2026-11-25 11:00:00', 'PUBLISHED', '7', 'rp-1', '0xabc', 97000, 100, NULL, '2026-11-25 12:00:00', 1),
('ro-2', 'rq-2', 'tao-sn1-emission', '2026-11-25 11:00:00', 'PUBLISHED', '3', 'rp-1', '0xabc', 97000, 100, NULL, '2026-11-25 12:00:00', 1),
('ro-0', 'rq-0', 'usdc-net-flow', '2026-11-25 10:00:00', 'SUPERSEDED', '0', 'request:rq-0', NULL, NULL, NULL, 'a newer window of the feed arrived', '2026-11-25 11:00:03', 1);

-- One value end to end (feed EURC/net_flow): feature window 10:00-11:00 computed 11:00:05 -> forecast 11:00:06 ->
-- request 11:00:07 -> three signatures, the last 11:00:09 -> round 1 mined 11:00:10 in 0xe2e (130,000 gas).
INSERT INTO ${database}.feature_windows (feature_id, domain, entity, window_start, window_end, value_names, value_values, exact_names, exact_values, event_count, retracted_count, revision, feature_spec, computed_at) VALUES
('fw-e2e', 'STABLECOIN', 'EURC', '2026-11-25 10:00:00', '2026-11-25 11:00:00', ['net_flow'], [1.5], [], [], 4, 0, 0, 'v1', '2026-11-25 11:00:05');
INSERT INTO ${database}.forecasts (forecast_id, domain, entity, target, feature_id, issued_at, points_horizon_millis, points_target_time, points_value, points_lower, points_upper, interval_level, model_name, computed_at, version) VALUES
('fc-e2e', 'STABLECOIN', 'EURC', 'net_flow', 'fw-e2e', '2026-11-25 11:00:00', [3600000], ['2026-11-25 12:00:00'], [1.25], [1], [1.5], 0.8, 'lstm-stablecoin', '2026-11-25 11:00:06', 1);
INSERT INTO ${database}.oracle_requests (request_id, feed_id, round_id, answer, decimals, observed_at, source_id, created_at, version) VALUES
('rq-e2e', 'EURC/net_flow', '499001', '125000000', 8, '2026-11-25 11:00:00', 'fc-e2e', '2026-11-25 11:00:07', 1);
INSERT INTO ${database}.oracle_request_outcomes VALUES
('ro-e2e', 'rq-e2e', 'EURC/net_flow', '2026-11-25 11:00:00', 'PUBLISHED', '1', 'rp-e2e', '0xe2e', 130000, 120, NULL, '2026-11-25 11:00:11', 1);
INSERT INTO ${database}.oracle_signatures VALUES
('sg-1', 'rp-e2e', '0xd', '0xs1', '0x01', '2026-11-25 11:00:08', 1),
('sg-2', 'rp-e2e', '0xd', '0xs2', '0x02', '2026-11-25 11:00:08', 1),
('sg-3', 'rp-e2e', '0xd', '0xs3', '0x03', '2026-11-25 11:00:09', 1);
INSERT INTO ${database}.raw_oracle_rounds (event_id, chain_id, block_number, block_hash, tx_hash, log_index, event_time, ingest_time, source, feed_address, feed_id, oracle_source, kind, round_id, answer, decimals, updated_at, model_hash, inputs_commitment, version) VALUES
('or-e2e', 'eip155:31337', 120, '0xb120', '0xe2e', 1, '2026-11-25 11:00:10', '2026-11-25 11:00:12', 'evm-reader', '0xoracle', 'EURC/net_flow', 'LEDGERMIND', 'ROUND_PUBLISHED', '1', '125000000', 8, '2026-11-25 11:00:10', '0xm', '0xc', 1);

-- Dead letters: two undecodable stablecoin records (dl-1 replayed) and one invalid DePIN record.
INSERT INTO ${database}.dead_letters (dead_letter_id, reason, error_type, source_topic, source_partition, source_offset, original, processor, failed_at, version) VALUES
('dl-1', 'bad magic', 'AvroDecodeException', 'raw.stablecoin', 0, 10, 'x', 'decode', '2026-11-25 10:00:00', 1),
('dl-2', 'bad magic', 'AvroDecodeException', 'raw.stablecoin', 0, 11, 'y', 'decode', '2026-11-25 10:30:00', 1),
('dl-3', 'amount not uint256', 'ValidationException', 'raw.depin', 1, 5, 'z', 'decode', '2026-11-25 12:00:00', 1);
INSERT INTO ${database}.dead_letters (dead_letter_id, reason, error_type, source_topic, source_partition, source_offset, original, processor, failed_at, version) VALUES
('dl-1', 'bad magic', 'AvroDecodeException', 'raw.stablecoin', 0, 10, 'x', 'decode', '2026-11-25 10:00:00', 1);

-- Feature windows: USDC 10h corrected once (revision 1 after a late event), USDT 10h at revision 0.
INSERT INTO ${database}.feature_windows (feature_id, domain, entity, window_start, window_end, value_names, value_values, exact_names, exact_values, event_count, retracted_count, revision, feature_spec, computed_at) VALUES
('fw-usdc-10-r0', 'STABLECOIN', 'USDC', '2026-11-25 10:00:00', '2026-11-25 11:00:00', ['transfers', 'net_flow'], [1, 2900000], ['net_flow'], ['2900000'], 2, 0, 0, 'features-v1', '2026-11-25 11:00:01'),
('fw-usdt-10-r0', 'STABLECOIN', 'USDT', '2026-11-25 10:00:00', '2026-11-25 11:00:00', ['transfers', 'net_flow'], [0, 8000000], ['net_flow'], ['8000000'], 2, 0, 0, 'features-v1', '2026-11-25 11:00:01');
INSERT INTO ${database}.feature_windows (feature_id, domain, entity, window_start, window_end, value_names, value_values, exact_names, exact_values, event_count, retracted_count, revision, feature_spec, computed_at) VALUES
('fw-usdc-10-r1', 'STABLECOIN', 'USDC', '2026-11-25 10:00:00', '2026-11-25 11:00:00', ['transfers', 'net_flow'], [1, 3000000], ['net_flow'], ['3000000'], 3, 1, 1, 'features-v1', '2026-11-25 11:20:00');
