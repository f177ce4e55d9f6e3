// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @notice The few forge cheatcodes this suite uses (forge-std is not available offline: the cheatcodes are declared
/// here, at forge's cheatcode address, with the signatures of forge 1.x).
interface Vm {
    struct Log {
        bytes32[] topics;
        bytes data;
        address emitter;
    }

    function addr(uint256 privateKey) external pure returns (address);
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);
    function prank(address sender) external;
    function startPrank(address sender) external;
    function stopPrank() external;
    function warp(uint256 timestamp) external;
    function chainId(uint256 newChainId) external;
    function assume(bool condition) external pure;
    function expectRevert(bytes calldata revertData) external;
    function expectRevert(bytes4 revertData) external;
    function expectRevert() external;
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData, address emitter)
        external;
    function recordLogs() external;
    function getRecordedLogs() external returns (Log[] memory logs);

    function assertTrue(bool condition, string calldata err) external pure;
    function assertFalse(bool condition, string calldata err) external pure;
    function assertEq(bool left, bool right, string calldata err) external pure;
    function assertEq(uint256 left, uint256 right, string calldata err) external pure;
    function assertEq(int256 left, int256 right, string calldata err) external pure;
    function assertEq(address left, address right, string calldata err) external pure;
    function assertEq(bytes32 left, bytes32 right, string calldata err) external pure;
    function assertEq(bytes calldata left, bytes calldata right, string calldata err) external pure;
    function assertGt(uint256 left, uint256 right, string calldata err) external pure;
    function assertGe(uint256 left, uint256 right, string calldata err) external pure;
}

/// @notice Minimal test base: the cheatcode handle, assertions (forge's assertion cheatcodes, which fail the test
/// with both values in the message) and a bound() for fuzz inputs.
abstract contract Test {
    Vm internal constant vm = Vm(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    function assertTrue(bool c, string memory what) internal pure {
        vm.assertTrue(c, what);
    }

    function assertFalse(bool c, string memory what) internal pure {
        vm.assertFalse(c, what);
    }

    function assertEq(bool a, bool b, string memory what) internal pure {
        vm.assertEq(a, b, what);
    }

    function assertEq(uint256 a, uint256 b, string memory what) internal pure {
        vm.assertEq(a, b, what);
    }

    function assertEq(int256 a, int256 b, string memory what) internal pure {
        vm.assertEq(a, b, what);
    }

    function assertEq(address a, address b, string memory what) internal pure {
        vm.assertEq(a, b, what);
    }

    function assertEq(bytes32 a, bytes32 b, string memory what) internal pure {
        vm.assertEq(a, b, what);
    }

    function assertEq(bytes memory a, bytes memory b, string memory what) internal pure {
        vm.assertEq(a, b, what);
    }

    function assertGt(uint256 a, uint256 b, string memory what) internal pure {
        vm.assertGt(a, b, what);
    }

    function assertGe(uint256 a, uint256 b, string memory what) internal pure {
        vm.assertGe(a, b, what);
    }

    /// @dev x mapped into [lo, hi] (lo <= hi); values already inside stay unchanged, so the fuzzer's edge values
    /// (0, 1, max) and dictionary values keep their meaning.
    function bound(uint256 x, uint256 lo, uint256 hi) internal pure returns (uint256) {
        require(lo <= hi, "bound: lo > hi");
        if (x >= lo && x <= hi) return x;
        uint256 size = hi - lo;
        if (size == type(uint256).max) return x;
        return lo + x % (size + 1);
    }

    function bound(int256 x, int256 lo, int256 hi) internal pure returns (int256) {
        require(lo <= hi, "bound: lo > hi");
        if (x >= lo && x <= hi) return x;
        // shift to unsigned, bound, shift back (two's complement offset keeps the order)
        uint256 ux = uint256(x) ^ (1 << 255);
        uint256 ulo = uint256(lo) ^ (1 << 255);
        uint256 uhi = uint256(hi) ^ (1 << 255);
        return int256(bound(ux, ulo, uhi) ^ (1 << 255));
    }
}
