// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {LedgermindOracle} from "LedgermindOracle.sol";
import {LedgermindFeedProxy} from "LedgermindFeedProxy.sol";
import {Test} from "./Test.sol";

/// @notice Shared fixture: the oracle deployed by this contract (the owner) with the 5 signers of private keys 1..5,
/// quorum 3 (n = 5, f = 1: 3 <= q <= 4), maxFutureDrift 15 s and one transmitter; two feeds of 8 decimals, 1 h max
/// observation age and answers in [-1e6, 1e6] units, and one feed with the widest range an int72 bound allows.
abstract contract OracleBase is Test {
    /// secp256k1 group order and its half (the contract's EIP-2 bound).
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    uint256 internal constant HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    uint256 internal constant SIGNER_COUNT = 5;
    uint8 internal constant QUORUM = 3;
    uint32 internal constant DRIFT = 15;
    uint32 internal constant MAX_AGE = 3600;
    uint8 internal constant DECIMALS = 8;
    int72 internal constant MIN_ANSWER = -1_000_000e8;
    int72 internal constant MAX_ANSWER = 1_000_000e8;
    /// Block time at setUp (June 2025): far from 0 and from the uint32 limit.
    uint256 internal constant T0 = 1_750_000_000;
    uint256 internal constant TRANSMITTER_KEY = 0x7777;

    bytes32 internal constant FEED_A = keccak256("ledgermind.test.flow-a");
    bytes32 internal constant FEED_B = keccak256("ledgermind.test.flow-b");
    bytes32 internal constant FEED_WIDE = keccak256("ledgermind.test.wide");
    bytes32 internal constant UNKNOWN_FEED = keccak256("ledgermind.test.unregistered");
    bytes32 internal constant MODEL_HASH = keccak256("model");
    bytes32 internal constant INPUTS = keccak256("inputs");


    LedgermindOracle internal oracle;
    address internal transmitter;
    address[] internal signerAddrs;
    address internal constant STRANGER = address(0xBEEF);

    function setUp() public virtual {
        vm.warp(T0);
        transmitter = vm.addr(TRANSMITTER_KEY);
        for (uint256 k = 1; k <= SIGNER_COUNT; ++k) {
            signerAddrs.push(vm.addr(k));
        }
        address[] memory transmitters = new address[](1);
        transmitters[0] = transmitter;
        oracle = new LedgermindOracle(signerAddrs, QUORUM, DRIFT, transmitters);
        oracle.addFeed(FEED_A, DECIMALS, MAX_AGE, MIN_ANSWER, MAX_ANSWER);
        oracle.addFeed(FEED_B, DECIMALS, MAX_AGE, MIN_ANSWER, MAX_ANSWER);
        oracle.addFeed(FEED_WIDE, DECIMALS, MAX_AGE, type(int72).min, type(int72).max);
    }

    // ------------------------------------------------------------------ reports

    function upd(bytes32 feedId, int128 answer, uint256 observedAt)
        internal
        pure
        returns (LedgermindOracle.FeedUpdate memory)
    {
        return LedgermindOracle.FeedUpdate(
            feedId, answer, uint32(observedAt), uint32(observedAt + 1800), MODEL_HASH, INPUTS
        );
    }

    function batch(LedgermindOracle.FeedUpdate memory a) internal pure returns (LedgermindOracle.FeedUpdate[] memory u) {
        u = new LedgermindOracle.FeedUpdate[](1);
        u[0] = a;
    }

    function batch(LedgermindOracle.FeedUpdate memory a, LedgermindOracle.FeedUpdate memory b)
        internal
        pure
        returns (LedgermindOracle.FeedUpdate[] memory u)
    {
        u = new LedgermindOracle.FeedUpdate[](2);
        u[0] = a;
        u[1] = b;
    }

    function keys(uint256 a, uint256 b, uint256 c) internal pure returns (uint256[] memory k) {
        k = new uint256[](3);
        (k[0], k[1], k[2]) = (a, b, c);
    }

    function keys(uint256 a, uint256 b) internal pure returns (uint256[] memory k) {
        k = new uint256[](2);
        (k[0], k[1]) = (a, b);
    }

    function keyRange(uint256 from, uint256 to) internal pure returns (uint256[] memory k) {
        k = new uint256[](to - from + 1);
        for (uint256 i; i < k.length; ++i) {
            k[i] = from + i;
        }
    }

    /// @dev vm.sign of the digest, always in the low-s form (forge's signer normalizes; checked, not assumed).
    function signDigest(uint256 pk, bytes32 digest) internal pure returns (LedgermindOracle.Signature memory sig) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        if (uint256(s) > HALF_N) {
            s = bytes32(SECP256K1_N - uint256(s));
            v = v == 27 ? 28 : 27;
        }
        return LedgermindOracle.Signature(r, s, v);
    }

    /// @dev The high-s twin of a signature: the same signer recovers from it (ecrecover does not enforce EIP-2).
    function malleate(LedgermindOracle.Signature memory sig) internal pure returns (LedgermindOracle.Signature memory) {
        return LedgermindOracle.Signature(sig.r, bytes32(SECP256K1_N - uint256(sig.s)), sig.v == 27 ? 28 : 27);
    }

    function signReport(uint256[] memory pks, uint32 version, LedgermindOracle.FeedUpdate[] memory updates)
        internal
        view
        returns (LedgermindOracle.Signature[] memory sigs)
    {
        bytes32 digest = oracle.reportDigest(version, updates);
        sigs = new LedgermindOracle.Signature[](pks.length);
        for (uint256 i; i < pks.length; ++i) {
            sigs[i] = signDigest(pks[i], digest);
        }
    }

    /// @dev Signatures of signers 1..quorum for the current signer-set version.
    function quorumSigs(LedgermindOracle.FeedUpdate[] memory updates)
        internal
        view
        returns (LedgermindOracle.Signature[] memory)
    {
        return signReport(keyRange(1, QUORUM), oracle.configVersion(), updates);
    }

    /// @dev Submits as the transmitter, signed by a quorum, for the current version; must succeed.
    function publish(LedgermindOracle.FeedUpdate[] memory updates) internal {
        uint32 version = oracle.configVersion();
        LedgermindOracle.Signature[] memory sigs = quorumSigs(updates);
        vm.prank(transmitter);
        oracle.submit(version, updates, sigs);
    }

    /// @dev submit as the transmitter without reverting the test: (success, revert data).
    function trySubmit(uint32 version, LedgermindOracle.FeedUpdate[] memory updates, LedgermindOracle.Signature[] memory sigs)
        internal
        returns (bool ok, bytes memory ret)
    {
        vm.prank(transmitter);
        (ok, ret) = address(oracle).call(abi.encodeCall(LedgermindOracle.submit, (version, updates, sigs)));
    }

    /// @dev Expects the next submit (as the transmitter) to revert with exactly `err`.
    function expectSubmitRevert(
        uint32 version,
        LedgermindOracle.FeedUpdate[] memory updates,
        LedgermindOracle.Signature[] memory sigs,
        bytes memory err
    ) internal {
        vm.prank(transmitter);
        vm.expectRevert(err);
        oracle.submit(version, updates, sigs);
    }

    // ------------------------------------------------------------------ reads

    function latestObservedAt(bytes32 feedId) internal view returns (uint256) {
        (, uint256 startedAt,,) = latest(feedId);
        return startedAt;
    }

    /// @dev (roundId, startedAt = observedAt, answer, updatedAt) of the latest round, or zeros when none.
    function latest(bytes32 feedId)
        internal
        view
        returns (uint256 roundId, uint256 startedAt, int256 answer, uint256 updatedAt)
    {
        if (oracle.latestRound(feedId) == 0) return (0, 0, 0, 0);
        uint80 id;
        uint80 answeredIn;
        (id, answer, startedAt, updatedAt, answeredIn) = oracle.latestRoundData(feedId);
        roundId = id;
        assertEq(uint256(answeredIn), uint256(id), "answeredInRound == roundId");
    }

    function newProxy(bytes32 feedId) internal returns (LedgermindFeedProxy) {
        return new LedgermindFeedProxy(oracle, feedId, "test feed");
    }

    function recovered(bytes32 digest, LedgermindOracle.Signature memory sig) internal pure returns (address) {
        return ecrecover(digest, sig.v, sig.r, sig.s);
    }
}
