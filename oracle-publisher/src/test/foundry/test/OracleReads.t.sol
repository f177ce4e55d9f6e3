// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {LedgermindOracle} from "LedgermindOracle.sol";
import {LedgermindFeedProxy} from "LedgermindFeedProxy.sol";
import {OracleBase} from "./utils/OracleBase.sol";

/// @notice Reads before and after data: NoDataPresent / UnknownFeed on the oracle and through the Chainlink proxy.
contract OracleReadsTest is OracleBase {
    function test_noDataPresent_oracle() public {
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 0));
        oracle.latestRoundData(FEED_A);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 1));
        oracle.getRoundData(FEED_A, 1);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 0));
        oracle.getRoundData(FEED_A, 0);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 1));
        oracle.roundDetails(FEED_A, 1);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 1));
        oracle.roundCommitment(FEED_A, 1);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, UNKNOWN_FEED, 0));
        oracle.latestRoundData(UNKNOWN_FEED);
        assertEq(uint256(oracle.latestRound(FEED_A)), 0, "no round yet");
    }

    function test_noDataPresent_proxy() public {
        LedgermindFeedProxy proxy = newProxy(FEED_A);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 0));
        proxy.latestRoundData();
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 1));
        proxy.getRoundData(1);
        assertEq(uint256(proxy.decimals()), DECIMALS, "decimals through the proxy");
        assertEq(proxy.version(), 1, "version");
        assertEq(keccak256(bytes(proxy.description())), keccak256("test feed"), "description");
        assertEq(proxy.feedId(), FEED_A, "feedId");
        assertEq(address(proxy.oracle()), address(oracle), "oracle");
    }

    function test_noDataPresent_afterData_outsideRounds() public {
        publish(batch(upd(FEED_A, 5, T0)));
        LedgermindFeedProxy proxy = newProxy(FEED_A);
        (uint80 id, int256 answer,,,) = proxy.latestRoundData();
        assertEq(uint256(id), 1, "round 1");
        assertEq(answer, 5, "answer");
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 2));
        proxy.getRoundData(2);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, 0));
        proxy.getRoundData(0);
        // round ids beyond uint64 never alias onto small ones
        uint80 aliasOfOne = uint80(1) + (uint80(1) << 64);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, aliasOfOne));
        proxy.getRoundData(aliasOfOne);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_A, type(uint80).max));
        oracle.getRoundData(FEED_A, type(uint80).max);
        // the other feed still has none
        LedgermindFeedProxy proxyB = newProxy(FEED_B);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, FEED_B, 0));
        proxyB.latestRoundData();
    }

    function test_unknownFeed() public {
        LedgermindFeedProxy proxy = newProxy(UNKNOWN_FEED);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.UnknownFeed.selector, UNKNOWN_FEED));
        proxy.decimals();
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.UnknownFeed.selector, UNKNOWN_FEED));
        oracle.decimals(UNKNOWN_FEED);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.UnknownFeed.selector, UNKNOWN_FEED));
        oracle.answerRange(UNKNOWN_FEED);
        vm.expectRevert(abi.encodeWithSelector(LedgermindOracle.NoDataPresent.selector, UNKNOWN_FEED, 0));
        proxy.latestRoundData();
    }

    function test_feedIdFor() public view {
        assertEq(oracle.feedIdFor("ledgermind.test.flow-a"), FEED_A, "feedIdFor = keccak256(name)");
    }
}
