-- One representative row per migrated table, as the pipeline would write it (MigrationRunnerITCase inserts each
-- statement twice and expects one row after FINAL). Amount extremes on purpose: uint256 max (78 digits) and
-- int256 min (negative, 77 digits) must round-trip as exact strings.

INSERT INTO ${database}.raw_stablecoin_events VALUES
('sc-0001', 'eip155:1', 21000000, '0x8f5b1e0c6a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809',
 '0x1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f', 17,
 '2026-11-25 12:00:11', '2026-11-25 12:00:13', 'evm-reader:usdc', 'USDC',
 '0xa0b86991c6218b36c1d19d4a2e9eb0ce3606eb48', 'TRANSFER', '0x28c6c06298d514db089934071355e5743bf21d60',
 '0x21a31ee1afc51d94c2efccaa2092ad1028285549', NULL,
 '115792089237316195423570985008687907853269984665640564039457584007913129639935', 6, 'EXCHANGE', 'EOA',
 1795608013000);

INSERT INTO ${database}.raw_depin_events VALUES
('dp-0001', 'cosmos:akashnet-2', 18234567, '0xb7a1', NULL, NULL, '2026-11-25 12:01:00', '2026-11-25 12:01:02',
 'simulator:depin:seed=42', 'AKASH', 'LEASE_CREATED', 'akash1provider9x8y7', 'akash1owner4k5l6',
 'akash1owner4k5l6/1234/1/1', 'gpu:a100', '250000000', 'uakt', 6, '12.500000000000000000', '1.25', 'gpu-hours',
 1795608062000);

INSERT INTO ${database}.raw_subnet_snapshots VALUES
('sn-0001', 'bittensor:finney', 4500000, '0x5e1d', NULL, NULL, '2026-11-25 12:02:00', '2026-11-25 12:02:01',
 'simulator:bittensor:seed=7', 3, 360, '1234567890123456789', '987654321098765432', NULL, 0.0123, 0.0121,
 '41000000', '1000000000', 0.0412, '5000000000000', '7500000000000', '-2500000000000', 0.1,
 '500000000', '10500000000000000', 'TAOFLOW', 1795608121000, 360);

INSERT INTO ${database}.raw_oracle_rounds VALUES
('or-0001', 'eip155:31337', 120, '0x9a0b', '0x3c4d', 0, '2026-11-25 12:03:00', '2026-11-25 12:03:00',
 'evm-reader:oracle', '0x5fbdb2315678afecb367f032d93f642f64180aa3', 'ledgermind:usdc-netflow-1h', 'LEDGERMIND',
 'ROUND_PUBLISHED', '1795604400',
 '-57896044618658097711785492504343953926634992332820282019728792003956564819968', 6, '2026-11-25 12:02:59',
 NULL, '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266', '0x2b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfe',
 '0x0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', 1795608180000);

INSERT INTO ${database}.raw_block_headers VALUES
('bh-0001', 'eip155:1', 21000000, '0x8f5b1e0c6a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809', NULL, NULL,
 '2026-11-25 12:00:11', '2026-11-25 12:00:12', 'evm-reader:headers',
 '0x7e4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f40', '7123456789', 143, 1795608012000);

INSERT INTO ${database}.retractions VALUES
('rt-0001', 'eip155:1', 21000000, '0x8f5b1e0c6a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809', NULL, NULL,
 '2026-11-25 12:00:11', '2026-11-25 12:00:40', 'evm-reader:usdc', 'sc-0000', 21000000,
 '0x8f5b1e0c6a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809',
 '0xd00d1e0c6a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809', 1,
 'parent hash mismatch at block 21000001', 1795608040000);

INSERT INTO ${database}.feature_windows VALUES
('fw-usdc-0001-r0', 'STABLECOIN', 'USDC', '2026-11-25 11:00:00', '2026-11-25 12:00:00',
 ['net_flow', 'transfer_count'], [-2.5e12, 1834], ['net_flow', 'mint_volume'],
 ['-57896044618658097711785492504343953926634992332820282019728792003956564819968',
  '115792089237316195423570985008687907853269984665640564039457584007913129639935'],
 1834, 2, 0, 'features-v1', '2026-11-25 12:00:05');

INSERT INTO ${database}.forecasts VALUES
('fc-0001', 'STABLECOIN', 'USDC', 'net_flow', 'fw-usdc-0001-r0', '2026-11-25 12:00:00',
 [3600000, 7200000], ['2026-11-25 13:00:00', '2026-11-25 14:00:00'], [1.5e6, 2.25e6], [-1.0e6, -2.0e6],
 [4.0e6, 6.5e6], 0.8, 'lstm-netflow', 'a3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdefabcd',
 '2026-11-25 12:00:06', ['INTERVAL_BREACH'], 1795608006000);

INSERT INTO ${database}.policy_actions VALUES
('pa-0001', 'BITTENSOR', 'portfolio:main', 'fw-tao-0001-r0', 2, 'rebalance', [0.1, 0.2, 0.6, 0.1], 1.75,
 ['netuid:1', 'netuid:3'], [0.4, 0.6], 'ppo-stake', 'b4e2d3f5a6c7089923456789012345678901bcdefabcdefabcdefabcdefabcde',
 '2026-11-25 12:00:07', 1795608007000);

INSERT INTO ${database}.oracle_requests VALUES
('rq-0001', 'ledgermind:usdc-netflow-1h', '1795604400', '-2500000000000', 6, '2026-11-25 12:00:00',
 '0xa3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdefabcd',
 '0x0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0', 'fc-0001', '2026-11-25 12:00:08',
 1795608008000);

INSERT INTO ${database}.oracle_signatures VALUES
('sg-0001', 'rp-0001', '0x4b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e',
 '0x70997970c51812dc3a010c7d01b50e0d17dc79c8',
 '0x9f1c2b3a4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f1b',
 '2026-11-25 12:00:09', 1795608009000);

INSERT INTO ${database}.signed_reports VALUES
('rp-0001', ['ledgermind:usdc-netflow-1h', 'ledgermind:render-usage-1h'], ['1795604400', '18446744073709551615'],
 ['-2500000000000', '115792089237316195423570985008687907853269984665640564039457584007913129639935'],
 ['2026-11-25 12:00:00', '2026-11-25 12:00:00'],
 ['0xa3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdefabcd',
  '0xa3f1c2e4b5d6978812345678901234567890abcdefabcdefabcdefabcdefabcd'],
 ['0x0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0',
  '0x1f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'],
 '0x4b1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e',
 ['0x70997970c51812dc3a010c7d01b50e0d17dc79c8', '0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc'],
 ['0x9f1c1b', '0x8e2d1c'], 2, '2026-11-25 12:00:10', 1795608010000);

INSERT INTO ${database}.publication_outcomes VALUES
('po-0001', 'rp-0001', 'CONFIRMED', 'eip155:31337', '0x6a7b8c9d', 42, 97123, '1000000007', 121, '0xab12',
 ['ledgermind:usdc-netflow-1h'], ['1795604400'], NULL, NULL, 1, '2026-11-25 12:00:12', 1795608012000);

INSERT INTO ${database}.dead_letters VALUES
('dl-ledgermind.raw.stablecoin-0-1234', 'unknown writer schema fingerprint 0x1122334455667788', 'UNKNOWN_FINGERPRINT',
 'ledgermind.raw.stablecoin', 0, 1234, NULL, '\xC3\x01\x11\x22\x33\x44\x55\x66\x77\x88\x00\xFF',
 'flink:raw-decoder', '2026-11-25 12:00:14', 1795608014000);

INSERT INTO ${database}.reader_checkpoints VALUES
('evm-reader:usdc', 'eip155:1', 21000000, '0x8f5b1e0c6a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809',
 [20999999, 21000000], ['0x7e4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f40',
  '0x8f5b1e0c6a0c1b2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f708192a3b4c5d6e7f809'], '2026-11-25 12:00:13', 1795608013000);

INSERT INTO ${database}.oracle_request_outcomes VALUES
('ro-0001', 'USDC/net_flow:498779', 'USDC/net_flow', '2026-11-25 11:00:00', 'PUBLISHED', '7', '0x6a7b8c9d', '0xab12cd',
 97123, 121, NULL, '2026-11-25 12:00:12', 1795608012000);
