// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {LedgermindOracle} from "LedgermindOracle.sol";
import {OracleBase} from "./utils/OracleBase.sol";

/// @notice Owner-only configuration: access control, every validation error, and the two-step ownership transfer.
contract OracleAdminTest is OracleBase {
    function addrs(uint256 from, uint256 n) internal pure returns (address[] memory a) {
        a = new address[](n);
        for (uint256 i; i < n; ++i) {
            a[i] = vm.addr(from + i);
        }
    }

    function expectNotOwner(address caller) internal {
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotOwner.selector, caller));
    }

    function test_deployment() public view {
        assertEq(oracle.owner(), address(this), "deployer owns");
        assertEq(uint256(oracle.quorum()), QUORUM, "quorum");
        assertEq(uint256(oracle.configVersion()), 1, "first version");
        assertEq(uint256(oracle.maxFutureDrift()), DRIFT, "drift");
        assertTrue(oracle.isTransmitter(transmitter), "transmitter");
        address[] memory s = oracle.signers();
        assertEq(s.length, SIGNER_COUNT, "signers");
        for (uint256 i; i < s.length; ++i) {
            assertEq(s[i], vm.addr(i + 1), "signer order");
            assertTrue(oracle.isSigner(s[i]), "isSigner");
        }
        assertEq(uint256(oracle.decimals(FEED_A)), DECIMALS, "decimals");
        assertEq(uint256(oracle.maxObservationAge(FEED_A)), MAX_AGE, "max age");
        (int72 lo, int72 hi) = oracle.answerRange(FEED_A);
        assertEq(int256(lo), MIN_ANSWER, "min");
        assertEq(int256(hi), MAX_ANSWER, "max");
    }

    // ------------------------------------------------------------------ NotOwner

    function test_notOwner_setSigners() public {
        expectNotOwner(STRANGER);
        oracle.setSigners(signerAddrs, QUORUM);
    }

    function test_notOwner_setTransmitter() public {
        expectNotOwner(STRANGER);
        oracle.setTransmitter(STRANGER, true);
        expectNotOwner(transmitter); // a transmitter cannot add another
        oracle.setTransmitter(STRANGER, true);
    }

    function test_notOwner_addFeed() public {
        expectNotOwner(STRANGER);
        oracle.addFeed(keccak256("x"), 8, 60, 0, 1);
    }

    function test_notOwner_setLimits() public {
        expectNotOwner(signerAddrs[0]);
        oracle.setLimits(1);
    }

    function test_notOwner_transferOwnership() public {
        expectNotOwner(STRANGER);
        oracle.transferOwnership(STRANGER);
    }

    // ------------------------------------------------------------------ validation

    function test_feedExists() public {
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.FeedExists.selector, FEED_A));
        oracle.addFeed(FEED_A, 18, 60, 0, 1);
        (int72 lo,) = oracle.answerRange(FEED_A);
        assertEq(int256(lo), MIN_ANSWER, "feed unchanged");
    }

    function test_zeroAddress() public {
        address[] memory s = addrs(1, 5);
        s[3] = address(0);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.ZeroAddress.selector));
        oracle.setSigners(s, 3);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.ZeroAddress.selector));
        oracle.setTransmitter(address(0), true);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.ZeroAddress.selector));
        oracle.transferOwnership(address(0));
        address[] memory zeroTransmitter = new address[](1);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.ZeroAddress.selector));
        new LedgermindOracle(signerAddrs, QUORUM, DRIFT, zeroTransmitter);
        assertEq(uint256(oracle.configVersion()), 1, "nothing changed");
    }

    function test_duplicateAddressInSetSigners() public {
        address[] memory s = addrs(1, 5);
        s[4] = s[1];
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.DuplicateSigner.selector, s[1]));
        oracle.setSigners(s, 3);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.DuplicateSigner.selector, s[1]));
        new LedgermindOracle(s, 3, DRIFT, new address[](0));
        // the failed rotation left the old set in place
        assertEq(oracle.signers().length, 5, "old set kept");
        assertTrue(oracle.isSigner(vm.addr(5)), "old signer kept");
        assertEq(uint256(oracle.configVersion()), 1, "version kept");
    }

    function expectInvalidQuorum(uint256 n, uint8 q) internal {
        address[] memory s = addrs(100, n);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidQuorum.selector, q, n));
        oracle.setSigners(s, q);
    }

    function test_invalidQuorum() public {
        expectInvalidQuorum(5, 0);
        expectInvalidQuorum(5, 6); // q > n
        expectInvalidQuorum(5, 255);
        expectInvalidQuorum(5, 2); // below 2f+1 = 3
        expectInvalidQuorum(5, 5); // above n-f = 4
        expectInvalidQuorum(3, 2); // fewer than 4 signers
        expectInvalidQuorum(3, 3);
        expectInvalidQuorum(1, 1);
        expectInvalidQuorum(0, 0);
        expectInvalidQuorum(7, 4); // n = 7, f = 2: q must be 5
        expectInvalidQuorum(7, 6);
        expectInvalidQuorum(4, 2); // n = 4, f = 1: q must be 3
        expectInvalidQuorum(4, 4);
        expectInvalidQuorum(256, 171); // more than 255 signers
        expectInvalidQuorum(255, 168); // n = 255, f = 84: 169 <= q <= 171
        expectInvalidQuorum(255, 172);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidQuorum.selector, 1, 1));
        new LedgermindOracle(addrs(1, 1), 1, DRIFT, new address[](0));
        assertEq(uint256(oracle.configVersion()), 1, "nothing changed");
    }

    function test_validQuorumBounds() public {
        uint32 v = oracle.configVersion();
        uint256[6] memory ns = [uint256(4), 5, 7, 10, 100, 255];
        for (uint256 i; i < ns.length; ++i) {
            uint256 n = ns[i];
            uint256 f = (n - 1) / 3;
            oracle.setSigners(addrs(100, n), uint8(2 * f + 1));
            oracle.setSigners(addrs(100, n), uint8(n - f));
            v += 2;
        }
        assertEq(uint256(oracle.configVersion()), v, "every rotation bumps the version");
    }

    function test_setSignersReplacesWholeSet() public {
        oracle.setSigners(addrs(50, 4), 3);
        for (uint256 k = 1; k <= 5; ++k) {
            assertFalse(oracle.isSigner(vm.addr(k)), "old signers gone");
        }
        assertEq(oracle.signers().length, 4, "new set");
        // an old signer can come back in a later set
        address[] memory back = addrs(1, 4);
        oracle.setSigners(back, 3);
        assertTrue(oracle.isSigner(vm.addr(1)), "back");
        assertFalse(oracle.isSigner(vm.addr(50)), "removed");
        publish(batch(upd(FEED_A, 1, T0)));
    }

    function test_invalidObservationAge() public {
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidObservationAge.selector, 0));
        oracle.addFeed(keccak256("x"), 8, 0, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidObservationAge.selector, 7 days + 1));
        oracle.addFeed(keccak256("x"), 8, 7 days + 1, 0, 1);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidObservationAge.selector, type(uint32).max));
        oracle.addFeed(keccak256("x"), 8, type(uint32).max, 0, 1);
        oracle.addFeed(keccak256("x"), 8, 7 days, 0, 1);
        oracle.addFeed(keccak256("y"), 8, 1, 0, 1);
        assertEq(uint256(oracle.maxObservationAge(keccak256("x"))), 7 days, "max allowed age");
    }

    function test_invalidAnswerRange() public {
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidAnswerRange.selector, 5, 5));
        oracle.addFeed(keccak256("x"), 8, 60, 5, 5);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidAnswerRange.selector, 6, 5));
        oracle.addFeed(keccak256("x"), 8, 60, 6, 5);
        vm.expectRevert(
            abi.encodeWithSelector(
                LedgermindOracle.InvalidAnswerRange.selector, int256(type(int72).max), int256(type(int72).min)
            )
        );
        oracle.addFeed(keccak256("x"), 8, 60, type(int72).max, type(int72).min);
        assertFalse(oracle.isRegistered(keccak256("x")), "not registered");
        oracle.addFeed(keccak256("x"), 8, 60, 5, 6);
    }

    function test_invalidFutureDrift() public {
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidFutureDrift.selector, 61));
        oracle.setLimits(61);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidFutureDrift.selector, type(uint32).max));
        oracle.setLimits(type(uint32).max);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.InvalidFutureDrift.selector, 61));
        new LedgermindOracle(signerAddrs, QUORUM, 61, new address[](0));
        oracle.setLimits(60);
        assertEq(uint256(oracle.maxFutureDrift()), 60, "max drift allowed");
        oracle.setLimits(0);
        assertEq(uint256(oracle.maxFutureDrift()), 0, "no drift allowed");
    }

    // ------------------------------------------------------------------ ownership

    function test_twoStepOwnershipTransfer() public {
        address next = address(0xA11CE);
        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.OwnershipTransferStarted(address(this), next);
        oracle.transferOwnership(next);
        assertEq(oracle.pendingOwner(), next, "pending");
        assertEq(oracle.owner(), address(this), "not yet transferred");

        // before acceptance the old owner keeps every right, the pending one has none
        oracle.setLimits(20);
        expectNotOwner(next);
        oracle.setLimits(21);

        // only the pending owner may accept
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotPendingOwner.selector, STRANGER));
        oracle.acceptOwnership();
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotPendingOwner.selector, address(this)));
        oracle.acceptOwnership();

        vm.expectEmit(true, true, false, true, address(oracle));
        emit LedgermindOracle.OwnershipTransferred(address(this), next);
        vm.prank(next);
        oracle.acceptOwnership();
        assertEq(oracle.owner(), next, "transferred");
        assertEq(oracle.pendingOwner(), address(0), "pending cleared");

        // after acceptance the old owner has lost every right
        expectNotOwner(address(this));
        oracle.setLimits(22);
        expectNotOwner(address(this));
        oracle.setSigners(signerAddrs, QUORUM);
        expectNotOwner(address(this));
        oracle.setTransmitter(STRANGER, true);
        expectNotOwner(address(this));
        oracle.addFeed(keccak256("x"), 8, 60, 0, 1);
        expectNotOwner(address(this));
        oracle.transferOwnership(address(this));

        // the new owner has them, and cannot accept twice
        vm.prank(next);
        oracle.setLimits(22);
        assertEq(uint256(oracle.maxFutureDrift()), 22, "new owner configures");
        vm.prank(next);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotPendingOwner.selector, next));
        oracle.acceptOwnership();
    }

    function test_transferOwnership_replacesPending() public {
        oracle.transferOwnership(address(0xA11CE));
        oracle.transferOwnership(address(0xB0B));
        assertEq(oracle.pendingOwner(), address(0xB0B), "replaced");
        vm.prank(address(0xA11CE));
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotPendingOwner.selector, address(0xA11CE)));
        oracle.acceptOwnership();
        vm.prank(address(0xB0B));
        oracle.acceptOwnership();
        assertEq(oracle.owner(), address(0xB0B), "second candidate accepted");
    }

    function test_acceptOwnership_withoutTransfer() public {
        vm.prank(STRANGER);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NotPendingOwner.selector, STRANGER));
        oracle.acceptOwnership();
    }
}
