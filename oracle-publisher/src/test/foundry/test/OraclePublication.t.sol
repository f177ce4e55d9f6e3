// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {LedgermindOracle} from "LedgermindOracle.sol";
import {OracleBase} from "./utils/OracleBase.sol";
import {Vm} from "./utils/Test.sol";

/// @notice What an accepted report publishes: rounds, events, the per-entry skip rules and NothingPublished.
contract OraclePublicationTest is OracleBase {
    function assertRound(bytes32 feedId, uint64 roundId, int256 answer, uint256 observedAt) internal view {
        (uint80 id, int256 a, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) = oracle.getRoundData(feedId, roundId);
        assertEq(uint256(id), roundId, "roundId");
        assertEq(a, answer, "answer");
        assertEq(startedAt, observedAt, "startedAt = observedAt");
        assertGt(updatedAt, 0, "updatedAt set");
        assertEq(uint256(answeredIn), roundId, "answeredInRound");
    }

    function expectSkip(bytes32 feedId, uint256 observedAt, uint8 reason) internal {
        vm.expectEmit(true, false, false, true, address(oracle));
        emit LedgermindOracle.UpdateSkipped(feedId, uint32(observedAt), reason);
    }

    /// @dev Submits [valid FEED_B entry, entry] and checks that `entry` is skipped for `reason`; then that the entry
    /// alone reverts NothingPublished(1).
    function assertSkipped(LedgermindOracle.FeedUpdate memory entry, uint8 reason) internal {
        uint256 latestBefore = oracle.latestRound(entry.feedId);
        LedgermindOracle.FeedUpdate[] memory alone = batch(entry);
        LedgermindOracle.Signature[] memory aloneSigs = quorumSigs(alone);
        expectSubmitRevert(1, alone, aloneSigs, abi.encodeWithSelector(LedgermindOracle.NothingPublished.selector, 1));

        uint256 bObserved = block.timestamp > latestObservedAt(FEED_B) ? block.timestamp : latestObservedAt(FEED_B) + 1;
        LedgermindOracle.FeedUpdate[] memory u = batch(upd(FEED_B, 1e8, bObserved), entry);
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        expectSkip(entry.feedId, entry.observedAt, reason);
        vm.expectEmit(true, false, false, true, address(oracle));
        emit LedgermindOracle.ReportAccepted(oracle.reportCount() + 1, oracle.reportHash(1, u), 1);
        vm.prank(transmitter);
        oracle.submit(1, u, sigs);
        assertEq(uint256(oracle.latestRound(entry.feedId)), latestBefore, "skipped entry publishes nothing");
    }

    function test_publishesBatchWithEvents() public {
        LedgermindOracle.FeedUpdate[] memory u = batch(upd(FEED_A, 123e8, T0 - 30), upd(FEED_B, -5e8, T0 - 20));
        bytes32 hash = oracle.reportHash(1, u);
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);

        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.RoundPublished(FEED_A, 1, 123e8, uint32(T0 - 30), uint32(T0 - 30 + 1800), MODEL_HASH, INPUTS);
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.NewRound(1, transmitter, T0 - 30);
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.AnswerUpdated(123e8, 1, T0);
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.RoundPublished(FEED_B, 1, -5e8, uint32(T0 - 20), uint32(T0 - 20 + 1800), MODEL_HASH, INPUTS);
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.NewRound(1, transmitter, T0 - 20);
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.AnswerUpdated(-5e8, 1, T0);
        vm.expectEmit(true, false, false, true, address(oracle));
        emit LedgermindOracle.ReportAccepted(1, hash, 2);
        vm.prank(transmitter);
        oracle.submit(1, u, sigs);

        assertRound(FEED_A, 1, 123e8, T0 - 30);
        assertRound(FEED_B, 1, -5e8, T0 - 20);
        (int256 answer, uint32 observedAt, uint32 targetTime, uint32 updatedAt, uint32 reportIndex) =
            oracle.roundDetails(FEED_A, 1);
        assertEq(answer, 123e8, "details answer");
        assertEq(uint256(observedAt), T0 - 30, "details observedAt");
        assertEq(uint256(targetTime), T0 - 30 + 1800, "details targetTime");
        assertEq(uint256(updatedAt), T0, "details updatedAt");
        assertEq(uint256(reportIndex), 1, "details reportIndex");
        (bytes32 commitment, uint32 index) = oracle.roundCommitment(FEED_B, 1);
        assertEq(commitment, hash, "commitment = report hash");
        assertEq(uint256(index), 1, "commitment index");
        assertTrue(oracle.verifyRound(FEED_A, 1, 1, u), "report verifies its round");
        u[1].modelHash = keccak256("another model");
        assertFalse(oracle.verifyRound(FEED_B, 1, 1, u), "a different model hash does not verify");
        assertEq(uint256(oracle.reportCount()), 1, "reportCount");
    }

    function test_eventsViaRecordedLogs() public {
        LedgermindOracle.FeedUpdate[] memory u = batch(upd(FEED_A, 7, T0));
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        vm.recordLogs();
        vm.prank(transmitter);
        oracle.submit(1, u, sigs);
        Vm.Log[] memory logs = vm.getRecordedLogs();
        assertEq(logs.length, 4, "RoundPublished, NewRound, AnswerUpdated, ReportAccepted");
        assertEq(
            logs[0].topics[0],
            keccak256("RoundPublished(bytes32,uint64,int128,uint32,uint32,bytes32,bytes32)"),
            "RoundPublished first"
        );
        assertEq(logs[1].topics[0], keccak256("NewRound(uint256,address,uint256)"), "Chainlink NewRound signature");
        assertEq(logs[1].topics[1], bytes32(uint256(1)), "NewRound roundId");
        assertEq(logs[1].topics[2], bytes32(uint256(uint160(transmitter))), "NewRound startedBy");
        assertEq(abi.decode(logs[1].data, (uint256)), T0, "NewRound startedAt");
        assertEq(logs[2].topics[0], keccak256("AnswerUpdated(int256,uint256,uint256)"), "Chainlink AnswerUpdated signature");
        assertEq(logs[2].topics[1], bytes32(uint256(7)), "AnswerUpdated current");
        assertEq(logs[2].topics[2], bytes32(uint256(1)), "AnswerUpdated roundId");
        assertEq(abi.decode(logs[2].data, (uint256)), T0, "AnswerUpdated updatedAt");
        assertEq(logs[3].topics[0], keccak256("ReportAccepted(uint64,bytes32,uint256)"), "ReportAccepted last");
        for (uint256 i; i < logs.length; ++i) {
            assertEq(logs[i].emitter, address(oracle), "emitter");
        }
    }

    function test_duplicateFeedInBatch_secondSkippedNotNewer() public {
        LedgermindOracle.FeedUpdate[] memory u = batch(upd(FEED_A, 1e8, T0 - 100), upd(FEED_A, 2e8, T0 - 100));
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        expectSkip(FEED_A, T0 - 100, oracle.SKIP_NOT_NEWER());
        vm.expectEmit(true, false, false, true, address(oracle));
        emit LedgermindOracle.ReportAccepted(1, oracle.reportHash(1, u), 1);
        vm.prank(transmitter);
        oracle.submit(1, u, sigs);
        assertEq(uint256(oracle.latestRound(FEED_A)), 1, "one round");
        assertRound(FEED_A, 1, 1e8, T0 - 100);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 2));
        oracle.getRoundData(FEED_A, 2);

        // the same feed twice, older second: also NOT_NEWER; newer second: both published, consecutive ids
        u = batch(upd(FEED_A, 3e8, T0 - 50), upd(FEED_A, 4e8, T0 - 60));
        sigs = quorumSigs(u);
        expectSkip(FEED_A, T0 - 60, oracle.SKIP_NOT_NEWER());
        vm.prank(transmitter);
        oracle.submit(1, u, sigs);
        assertEq(uint256(oracle.latestRound(FEED_A)), 2, "one more round");
        u = batch(upd(FEED_A, 5e8, T0 - 40), upd(FEED_A, 6e8, T0 - 30));
        publish(u);
        assertEq(uint256(oracle.latestRound(FEED_A)), 4, "two rounds from one batch");
        assertRound(FEED_A, 3, 5e8, T0 - 40);
        assertRound(FEED_A, 4, 6e8, T0 - 30);
    }

    function test_jumpedWindow_keepsRoundIdsConsecutive() public {
        publish(batch(upd(FEED_A, 1e8, T0 - 10)));
        // five hours of windows missing: the next round is still round 2
        vm.warp(T0 + 5 hours);
        publish(batch(upd(FEED_A, 2e8, T0 + 5 hours - 10)));
        assertEq(uint256(oracle.latestRound(FEED_A)), 2, "round 2");
        assertRound(FEED_A, 1, 1e8, T0 - 10);
        assertRound(FEED_A, 2, 2e8, T0 + 5 hours - 10);
        (uint80 id,,,,) = oracle.latestRoundData(FEED_A);
        assertEq(uint256(id), 2, "latest id");
    }

    function test_observedAtBackwards_skippedNotNewer() public {
        publish(batch(upd(FEED_A, 1e8, T0 - 10)));
        assertSkipped(upd(FEED_A, 2e8, T0 - 11), oracle.SKIP_NOT_NEWER());
        assertSkipped(upd(FEED_A, 2e8, T0 - 10), oracle.SKIP_NOT_NEWER()); // the same window again
        assertRound(FEED_A, 1, 1e8, T0 - 10);
    }

    function test_staleWindow_skipped() public {
        // observedAt + maxAge < now
        assertSkipped(upd(FEED_A, 1e8, T0 - MAX_AGE - 1), oracle.SKIP_STALE());
        // exactly maxAge old is fresh enough
        publish(batch(upd(FEED_A, 1e8, T0 - MAX_AGE)));
        assertEq(uint256(oracle.latestRound(FEED_A)), 1, "boundary accepted");
    }

    function test_futureWindow_skipped() public {
        assertSkipped(upd(FEED_A, 1e8, T0 + DRIFT + 1), oracle.SKIP_FUTURE());
        publish(batch(upd(FEED_A, 1e8, T0 + DRIFT)));
        assertEq(uint256(oracle.latestRound(FEED_A)), 1, "drift boundary accepted");
        oracle.setLimits(0);
        vm.warp(T0 + 100);
        assertSkipped(upd(FEED_A, 1e8, T0 + 101), oracle.SKIP_FUTURE());
        publish(batch(upd(FEED_A, 1e8, T0 + 100)));
        assertEq(uint256(oracle.latestRound(FEED_A)), 2, "now accepted with no drift");
    }

    function test_badTarget_skipped() public {
        LedgermindOracle.FeedUpdate memory e = upd(FEED_A, 1e8, T0 - 5);
        e.targetTime = uint32(T0 - 6);
        assertSkipped(e, oracle.SKIP_BAD_TARGET());
        e.targetTime = uint32(T0 - 5); // a nowcast: target == window end
        publish(batch(e));
        (,, uint32 targetTime,,) = oracle.roundDetails(FEED_A, 1);
        assertEq(uint256(targetTime), T0 - 5, "targetTime kept");
    }

    function test_outOfRange_skipped() public {
        assertSkipped(upd(FEED_A, int128(MAX_ANSWER) + 1, T0 - 9), oracle.SKIP_OUT_OF_RANGE());
        assertSkipped(upd(FEED_A, int128(MIN_ANSWER) - 1, T0 - 9), oracle.SKIP_OUT_OF_RANGE());
        assertSkipped(upd(FEED_A, type(int128).max, T0 - 9), oracle.SKIP_OUT_OF_RANGE());
        assertSkipped(upd(FEED_A, type(int128).min, T0 - 9), oracle.SKIP_OUT_OF_RANGE());
        publish(batch(upd(FEED_A, int128(MAX_ANSWER), T0 - 9)));
        vm.warp(T0 + 1);
        publish(batch(upd(FEED_A, int128(MIN_ANSWER), T0 - 8)));
        assertRound(FEED_A, 1, MAX_ANSWER, T0 - 9);
        assertRound(FEED_A, 2, MIN_ANSWER, T0 - 8);
    }

    function test_unknownFeed_skipped() public {
        assertSkipped(upd(UNKNOWN_FEED, 1e8, T0), oracle.SKIP_UNKNOWN_FEED());
    }

    function test_nothingPublished_whenEveryEntrySkipped() public {
        publish(batch(upd(FEED_A, 1e8, T0 - 10)));
        LedgermindOracle.FeedUpdate memory badTarget = upd(FEED_B, 1e8, T0 - 5);
        badTarget.targetTime = 0;
        LedgermindOracle.FeedUpdate[] memory u = new LedgermindOracle.FeedUpdate[](6);
        u[0] = upd(UNKNOWN_FEED, 1e8, T0);
        u[1] = upd(FEED_A, 1e8, T0 - 10);
        u[2] = upd(FEED_B, 1e8, T0 - MAX_AGE - 1);
        u[3] = upd(FEED_B, 1e8, T0 + DRIFT + 1);
        u[4] = badTarget;
        u[5] = upd(FEED_B, int128(MAX_ANSWER) + 1, T0);
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        expectSubmitRevert(1, u, sigs, abi.encodeWithSelector(LedgermindOracle.NothingPublished.selector, 6));
        assertEq(uint256(oracle.reportCount()), 1, "no report recorded");
        assertEq(uint256(oracle.latestRound(FEED_B)), 0, "nothing on B");
    }

    function test_skipReasonsAllInOneBatch() public {
        publish(batch(upd(FEED_A, 1e8, T0 - 10)));
        bytes32 c = keccak256("c");
        oracle.addFeed(c, DECIMALS, MAX_AGE, MIN_ANSWER, MAX_ANSWER);
        LedgermindOracle.FeedUpdate memory badTarget = upd(FEED_B, 1e8, T0 - 5);
        badTarget.targetTime = uint32(T0 - 6);
        LedgermindOracle.FeedUpdate[] memory u = new LedgermindOracle.FeedUpdate[](7);
        u[0] = upd(UNKNOWN_FEED, 1e8, T0);
        u[1] = upd(FEED_A, 1e8, T0 - 10);
        u[2] = upd(FEED_B, 1e8, T0 - MAX_AGE - 1);
        u[3] = upd(FEED_B, 1e8, T0 + DRIFT + 1);
        u[4] = badTarget;
        u[5] = upd(FEED_B, int128(MIN_ANSWER) - 1, T0);
        u[6] = upd(c, 77, T0);
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        for (uint256 i; i < 6; ++i) {
            expectSkip(u[i].feedId, u[i].observedAt, uint8(i + 1));
        }
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.RoundPublished(c, 1, 77, uint32(T0), uint32(T0 + 1800), MODEL_HASH, INPUTS);
        vm.expectEmit(true, false, false, true, address(oracle));
        emit LedgermindOracle.ReportAccepted(2, oracle.reportHash(1, u), 1);
        vm.prank(transmitter);
        oracle.submit(1, u, sigs);
        assertEq(uint256(oracle.latestRound(c)), 1, "the good entry published");
        assertEq(uint256(oracle.latestRound(FEED_B)), 0, "B untouched");
    }

    function test_latestRounds() public {
        publish(batch(upd(FEED_A, 1e8, T0 - 10)));
        bytes32[] memory ids = new bytes32[](3);
        (ids[0], ids[1], ids[2]) = (FEED_A, FEED_B, UNKNOWN_FEED);
        uint64[] memory rounds = oracle.latestRounds(ids);
        assertEq(uint256(rounds[0]), 1, "latestRounds A");
        assertEq(uint256(rounds[1]) + uint256(rounds[2]), 0, "latestRounds B, unknown");
        assertTrue(oracle.isRegistered(FEED_B) && !oracle.isRegistered(UNKNOWN_FEED), "isRegistered");
    }
}
