// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "AggregatorV3Interface.sol";
import {LedgermindOracle} from "LedgermindOracle.sol";

/// @notice One Chainlink-compatible feed of the Ledgermind oracle: contracts written for Chainlink read it unchanged.
/// startedAt is the end of the window the value describes; updatedAt is the block time of publication;
/// answeredInRound equals roundId (every round is answered in the transaction that creates it).
contract LedgermindFeedProxy is AggregatorV3Interface {
    LedgermindOracle public immutable oracle;
    bytes32 public immutable feedId;
    string private feedDescription;

    constructor(LedgermindOracle oracle_, bytes32 feedId_, string memory description_) {
        oracle = oracle_;
        feedId = feedId_;
        feedDescription = description_;
    }

    function decimals() external view returns (uint8) {
        return oracle.decimals(feedId);
    }

    function description() external view returns (string memory) {
        return feedDescription;
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80 roundId_)
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return oracle.getRoundData(feedId, roundId_);
    }

    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound)
    {
        return oracle.latestRoundData(feedId);
    }
}
