// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {LedgermindOracle} from "LedgermindOracle.sol";
import {LedgermindFeedProxy} from "LedgermindFeedProxy.sol";
import {OracleBase} from "./utils/OracleBase.sol";

/// @notice Property: no report is accepted without `quorum` distinct, valid, current signers, and any invalid,
/// unknown or repeated signature rejects the whole report.
contract OracleQuorumFuzzTest is OracleBase {
    uint256 internal constant MAX_SIGS = 8;

    /// What the rules say about the signatures built so far.
    struct Expectation {
        bytes32 digest;
        uint256[] order; // a random order of the signer keys
        uint256 next; // next position in `order`
        uint256 firstKey; // key of signature 0
        uint256 seen; // bit k: signer key k already signed
        uint256 distinctValid;
        bool invalid;
        bytes revertData; // the first error met; empty = none
    }

    /// @dev `count` (0..8) signatures; byte i of `kinds` picks what signature i is: 0..11 -> the next signer of a
    /// random order of the 5 (a sixth one wraps around to a duplicate); 12 -> again the signer of signature 0 (a
    /// duplicate); 13 -> a key that is no signer; 14 -> the high-s twin of a signer's signature; 15 -> a signer's
    /// signature with v 0 or 29, or with r = 0 (ecrecover returns address(0)).
    function testFuzz_quorumOfDistinctValidSignersRequired(uint8 count, uint256 kinds, uint256 orderSeed, int64 answer)
        public
    {
        uint256 len = bound(count, 0, MAX_SIGS);
        LedgermindOracle.FeedUpdate[] memory u =
            batch(upd(FEED_A, int128(bound(int256(answer), MIN_ANSWER, MAX_ANSWER)), T0));
        Expectation memory x;
        x.digest = oracle.reportDigest(1, u);
        x.order = shuffled(orderSeed);
        LedgermindOracle.Signature[] memory sigs = new LedgermindOracle.Signature[](len);
        for (uint256 i; i < len; ++i) {
            sigs[i] = makeSignature(x, i, uint8(kinds >> (8 * i)));
        }
        bytes memory expected = len < QUORUM
            ? abi.encodeWithSelector(LedgermindOracle.QuorumNotMet.selector, len, QUORUM)
            : x.revertData;

        (bool ok, bytes memory ret) = trySubmit(1, u, sigs);
        // the property itself, whatever error is reported
        if (ok) {
            assertFalse(x.invalid, "accepted a report with an invalid, unknown or repeated signature");
            assertGe(x.distinctValid, QUORUM, "accepted without a quorum of distinct signers");
            assertEq(uint256(oracle.latestRound(FEED_A)), 1, "accepted report published");
        } else {
            assertEq(uint256(oracle.latestRound(FEED_A)), 0, "rejected report published nothing");
            assertEq(uint256(oracle.reportCount()), 0, "rejected report not counted");
        }
        // ... and the exact outcome the rules call for
        assertEq(ok, expected.length == 0, "accepted iff >= quorum distinct registered signers and no bad one");
        assertEq(ret, expected, "revert reason");
    }

    function makeSignature(Expectation memory x, uint256 i, uint8 b)
        internal
        pure
        returns (LedgermindOracle.Signature memory sig)
    {
        uint256 kind = b % 16;
        uint256 anySigner = (b >> 4) % SIGNER_COUNT + 1;
        bytes memory err;
        if (i == 0) x.firstKey = anySigner; // replaced below by the key that signs signature 0
        if (kind <= 13) {
            uint256 pk;
            if (kind <= 11) pk = x.order[x.next++ % SIGNER_COUNT];
            else if (kind == 12) pk = i == 0 ? anySigner : x.firstKey;
            else pk = 6 + (b >> 4); // 6..21: never a signer
            if (i == 0) x.firstKey = pk;
            sig = signDigest(pk, x.digest);
            if (pk > SIGNER_COUNT) {
                err = abi.encodeWithSelector(LedgermindOracle.UnknownSigner.selector, vm.addr(pk));
            } else if (x.seen & (1 << pk) != 0) {
                err = abi.encodeWithSelector(LedgermindOracle.DuplicateSigner.selector, vm.addr(pk));
            } else {
                x.seen |= 1 << pk;
                ++x.distinctValid;
            }
        } else if (kind == 14) {
            sig = malleate(signDigest(anySigner, x.digest));
            err = abi.encodeWithSelector(LedgermindOracle.HighS.selector, i);
        } else {
            sig = signDigest(anySigner, x.digest);
            if (b & 0x10 != 0) sig.r = bytes32(0);
            else sig.v = b & 0x20 != 0 ? 29 : 0;
            err = abi.encodeWithSelector(LedgermindOracle.InvalidSignature.selector, i);
        }
        if (err.length != 0) {
            x.invalid = true;
            if (x.revertData.length == 0) x.revertData = err;
        }
    }

    function shuffled(uint256 seed) internal pure returns (uint256[] memory a) {
        a = keyRange(1, SIGNER_COUNT);
        for (uint256 i = a.length; i > 1; --i) { // Fisher-Yates
            uint256 r = uint256(keccak256(abi.encode(seed, i))) % i;
            (a[i - 1], a[r]) = (a[r], a[i - 1]);
        }
    }

    /// @dev A random subset (bits 0..4 of `mask`) of the 5 signers, in a random order, plus at most one spoiler
    /// (spoiler % 8: 5 -> an outsider's signature, 6 -> one member twice, 7 -> the report was signed for the
    /// previous configVersion, before a rotation to the same keys; else none).
    function testFuzz_signerSubsets(uint8 mask, uint8 spoiler, uint256 orderSeed) public {
        uint256 kind = spoiler % 8;
        uint32 version = 1;
        if (kind == 7) {
            oracle.setSigners(signerAddrs, QUORUM);
            version = 2;
        }
        LedgermindOracle.FeedUpdate[] memory u = batch(upd(FEED_B, 1, T0 - 1));
        uint256 members;
        for (uint256 k; k < SIGNER_COUNT; ++k) {
            if (mask & (1 << k) != 0) ++members;
        }
        bool outsider = kind == 5;
        bool twice = kind == 6 && members > 0;
        uint256 n = members + (outsider ? 1 : 0) + (twice ? 1 : 0);
        uint256[] memory pks = new uint256[](n);
        uint256 j;
        for (uint256 k; k < SIGNER_COUNT; ++k) {
            if (mask & (1 << k) != 0) pks[j++] = k + 1;
        }
        if (twice) pks[j++] = pks[0];
        if (outsider) pks[j++] = 42;
        for (uint256 i = n; i > 1; --i) { // Fisher-Yates
            uint256 r = uint256(keccak256(abi.encode(orderSeed, i))) % i;
            (pks[i - 1], pks[r]) = (pks[r], pks[i - 1]);
        }
        // always signed over the version-1 digest, submitted for the current version
        LedgermindOracle.Signature[] memory sigs = signReport(pks, 1, u);
        (bool ok,) = trySubmit(version, u, sigs);
        bool shouldAccept = members >= QUORUM && !outsider && !twice && version == 1;
        assertEq(ok, shouldAccept, "accepted iff a clean quorum signed the current version");
        assertEq(uint256(oracle.latestRound(FEED_B)), shouldAccept ? 1 : 0, "published iff accepted");
    }
}

/// @notice Property: an accepted report never lowers a feed's roundId or observedAt; round ids are consecutive and
/// each published round rests on a strictly newer window than the one before.
contract OracleMonotonicFuzzTest is OracleBase {
    struct Model {
        uint256 round;
        uint256 observed;
    }

    mapping(bytes32 => Model) internal model;
    bytes32[2] internal feedIds = [FEED_A, FEED_B];

    function publishable(bytes32 feedId, uint256 observedAt) internal view returns (bool) {
        return observedAt > model[feedId].observed && observedAt <= block.timestamp + DRIFT
            && observedAt + MAX_AGE >= block.timestamp;
    }

    /// @dev Submits `u` (signed by a quorum), checks the outcome against the model and the monotonicity against
    /// the previous on-chain state.
    function submitAndCheck(LedgermindOracle.FeedUpdate[] memory u) internal {
        uint256[2] memory roundBefore;
        uint256[2] memory observedBefore;
        for (uint256 f; f < 2; ++f) {
            roundBefore[f] = oracle.latestRound(feedIds[f]);
            observedBefore[f] = latestObservedAt(feedIds[f]);
        }
        uint256 published;
        for (uint256 i; i < u.length; ++i) {
            if (publishable(u[i].feedId, u[i].observedAt)) {
                model[u[i].feedId] = Model(model[u[i].feedId].round + 1, u[i].observedAt);
                ++published;
            }
        }
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        (bool ok, bytes memory ret) = trySubmit(1, u, sigs);
        if (published == 0) {
            assertFalse(ok, "nothing publishable must revert");
            assertEq(ret, abi.encodeWithSelector(LedgermindOracle.NothingPublished.selector, u.length), "NothingPublished");
        } else {
            assertTrue(ok, "publishable report accepted");
        }
        for (uint256 f; f < 2; ++f) {
            bytes32 id = feedIds[f];
            uint256 r = oracle.latestRound(id);
            uint256 o = latestObservedAt(id);
            assertGe(r, roundBefore[f], "roundId never decreases");
            assertGe(o, observedBefore[f], "observedAt never decreases");
            if (r != roundBefore[f]) assertGt(o, observedBefore[f], "a new round rests on a strictly newer window");
            else assertEq(o, observedBefore[f], "no new round, same window");
            assertEq(r, model[id].round, "round id as the rules say");
            assertEq(o, model[id].observed, "window as the rules say");
        }
    }

    /// @dev Every round 1..latest exists, none after it, windows strictly increase and publication times do not
    /// decrease.
    function checkHistory() internal view {
        for (uint256 f; f < 2; ++f) {
            bytes32 id = feedIds[f];
            uint256 latestId = oracle.latestRound(id);
            uint256 prevObserved;
            uint256 prevUpdated;
            for (uint256 r = 1; r <= latestId; ++r) {
                (uint80 rid,, uint256 observed, uint256 updated, uint80 answeredIn) = oracle.getRoundData(id, uint80(r));
                assertEq(uint256(rid), r, "round id");
                assertEq(uint256(answeredIn), r, "answeredInRound");
                assertGt(observed, prevObserved, "windows strictly increase across rounds");
                assertGe(updated, prevUpdated, "publication time never decreases");
                (prevObserved, prevUpdated) = (observed, updated);
            }
            try oracle.getRoundData(id, uint80(latestId + 1)) {
                revert("a round after the latest exists");
            } catch {}
        }
    }

    /// @dev Ten batches of 1..3 entries over two feeds; windows picked at and around every boundary (equal to the
    /// latest, one below and above it, at and past the future drift and the max age) or at random, time moving on
    /// between batches.
    function testFuzz_roundsAndWindowsNeverGoBack(uint256 seed) public {
        for (uint256 step; step < 10; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            vm.warp(block.timestamp + r % 1500);
            uint256 n = 1 + (r >> 16) % 3;
            LedgermindOracle.FeedUpdate[] memory u = new LedgermindOracle.FeedUpdate[](n);
            for (uint256 i; i < n; ++i) {
                uint256 e = uint256(keccak256(abi.encode(r, i)));
                bytes32 id = feedIds[e & 1];
                uint256 last = model[id].observed;
                uint256 nowT = block.timestamp;
                uint256 choice = (e >> 1) % 10;
                uint256 observedAt;
                if (choice == 0 && last > 0) observedAt = last;
                else if (choice == 1 && last > 0) observedAt = last - 1;
                else if (choice == 2 && last > 0) observedAt = last + 1;
                else if (choice == 3) observedAt = nowT + DRIFT;
                else if (choice == 4) observedAt = nowT + DRIFT + 1;
                else if (choice == 5) observedAt = nowT - MAX_AGE;
                else if (choice == 6) observedAt = nowT - MAX_AGE - 1;
                else if (choice == 7) observedAt = nowT - (e >> 8) % MAX_AGE;
                else observedAt = nowT - 2 * MAX_AGE + (e >> 8) % (2 * MAX_AGE + 2 * DRIFT);
                u[i] = upd(id, int128(int256((e >> 64) % 1e12)), observedAt);
            }
            submitAndCheck(u);
        }
        checkHistory();
    }

    /// @dev One feed, windows given as raw signed steps from the previous candidate (backwards, equal, small and
    /// large jumps); block time moves forward to near the candidate.
    function testFuzz_observedAtSequence(int32[] memory steps, uint8 lagSeed) public {
        uint256 len = steps.length > 16 ? 16 : steps.length;
        uint256 candidate = T0 - 600;
        for (uint256 i; i < len; ++i) {
            int256 step = bound(int256(steps[i]), -2 * int256(uint256(MAX_AGE)), 2 * int256(uint256(MAX_AGE)));
            candidate = uint256(int256(candidate) + step);
            // time never goes back; it lands between 20 s before and MAX_AGE + 20 s after the candidate
            uint256 lag = uint256(keccak256(abi.encode(lagSeed, i))) % (MAX_AGE + 40);
            uint256 target = candidate + lag > 20 ? candidate + lag - 20 : 0;
            if (target > block.timestamp) vm.warp(target);
            submitAndCheck(batch(upd(FEED_A, int128(int256(i)), candidate)));
        }
        checkHistory();
    }
}

/// @notice Property: a published answer reads back exactly, from the oracle and through the Chainlink proxy.
contract OracleRoundTripFuzzTest is OracleBase {
    LedgermindFeedProxy internal proxy;

    function setUp() public override {
        super.setUp();
        proxy = newProxy(FEED_WIDE);
    }

    function checkRound(uint80 roundId, int256 answer, uint256 observedAt, uint256 publishedAt) internal view {
        (uint80 id, int256 a, uint256 startedAt, uint256 updatedAt, uint80 answeredIn) = oracle.getRoundData(FEED_WIDE, roundId);
        assertEq(uint256(id), roundId, "oracle roundId");
        assertEq(a, answer, "oracle getRoundData answer");
        assertEq(startedAt, observedAt, "oracle startedAt");
        assertEq(updatedAt, publishedAt, "oracle updatedAt");
        assertEq(uint256(answeredIn), roundId, "oracle answeredInRound");
        (id, a, startedAt, updatedAt, answeredIn) = proxy.getRoundData(roundId);
        assertEq(uint256(id), roundId, "proxy roundId");
        assertEq(a, answer, "proxy getRoundData answer");
        assertEq(startedAt, observedAt, "proxy startedAt");
        assertEq(updatedAt, publishedAt, "proxy updatedAt");
        assertEq(uint256(answeredIn), roundId, "proxy answeredInRound");
        (int256 d,,,,) = oracle.roundDetails(FEED_WIDE, uint64(roundId));
        assertEq(d, answer, "roundDetails answer");
    }

    function checkLatest(uint80 roundId, int256 answer, uint256 observedAt) internal view {
        (uint80 id, int256 a, uint256 startedAt,, uint80 answeredIn) = oracle.latestRoundData(FEED_WIDE);
        assertEq(uint256(id), roundId, "oracle latest roundId");
        assertEq(a, answer, "oracle latestRoundData answer");
        assertEq(startedAt, observedAt, "oracle latest startedAt");
        assertEq(uint256(answeredIn), roundId, "oracle latest answeredInRound");
        (id, a, startedAt,, answeredIn) = proxy.latestRoundData();
        assertEq(uint256(id), roundId, "proxy latest roundId");
        assertEq(a, answer, "proxy latestRoundData answer");
        assertEq(startedAt, observedAt, "proxy latest startedAt");
        assertEq(uint256(answeredIn), roundId, "proxy latest answeredInRound");
    }

    function testFuzz_answerRoundTrips(int128 raw, uint16 age) public {
        int128 answer = int128(bound(int256(raw), type(int72).min, type(int72).max));
        uint256 observedAt = T0 - bound(uint256(age), 0, MAX_AGE);
        LedgermindOracle.FeedUpdate[] memory u = batch(upd(FEED_WIDE, answer, observedAt));
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.AnswerUpdated(answer, 1, T0);
        vm.prank(transmitter);
        oracle.submit(1, u, sigs);
        checkRound(1, answer, observedAt, T0);
        checkLatest(1, answer, observedAt);
        assertEq(uint256(proxy.decimals()), DECIMALS, "decimals");
    }

    function testFuzz_answerSequenceRoundTrips(int128[] memory raw) public {
        uint256 len = raw.length > 8 ? 8 : raw.length;
        int128[] memory answers = new int128[](len);
        for (uint256 i; i < len; ++i) {
            answers[i] = int128(bound(int256(raw[i]), type(int72).min, type(int72).max));
            vm.warp(T0 + 60 * i);
            publish(batch(upd(FEED_WIDE, answers[i], T0 + 60 * i - 5)));
            checkLatest(uint80(i + 1), answers[i], T0 + 60 * i - 5);
        }
        for (uint256 i; i < len; ++i) {
            checkRound(uint80(i + 1), answers[i], T0 + 60 * i - 5, T0 + 60 * i);
        }
        assertEq(uint256(oracle.latestRound(FEED_WIDE)), len, "one round per answer");
    }

    /// @dev Any int128: published (and read back exactly) iff inside the feed's [min, max], else skipped.
    function testFuzz_publishedIffInRange(int128 answer, bool wide) public {
        bytes32 id = wide ? FEED_WIDE : FEED_A;
        (int72 lo, int72 hi) = oracle.answerRange(id);
        bool inRange = answer >= lo && answer <= hi;
        LedgermindOracle.FeedUpdate[] memory u = batch(upd(id, answer, T0));
        LedgermindOracle.Signature[] memory sigs = quorumSigs(u);
        (bool ok, bytes memory ret) = trySubmit(1, u, sigs);
        assertEq(ok, inRange, "published iff in range");
        if (ok) {
            (, int256 a,,,) = oracle.latestRoundData(id);
            assertEq(a, int256(answer), "exact answer");
        } else {
            assertEq(ret, abi.encodeWithSelector(LedgermindOracle.NothingPublished.selector, 1), "skipped out of range");
        }
    }
}
