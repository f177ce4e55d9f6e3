// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "AggregatorV3Interface.sol";

/// @notice Example consumer: reads any Chainlink-style feed and refuses stale or incomplete answers.
contract FeedConsumer {
    error StaleAnswer(uint256 updatedAt, uint256 blockTime, uint256 maxAge);
    error IncompleteRound(uint80 roundId, uint80 answeredInRound);

    event AnswerConsumed(uint80 indexed roundId, int256 answer, uint256 updatedAt);

    AggregatorV3Interface public immutable feed;
    uint256 public immutable maxAge;
    int256 public lastAnswer;
    uint80 public lastRound;

    constructor(AggregatorV3Interface feed_, uint256 maxAge_) {
        feed = feed_;
        maxAge = maxAge_;
    }

    /// @notice The latest answer, or a revert when it is older than maxAge seconds or its round is incomplete.
    function read() public view returns (int256 answer, uint80 roundId) {
        (uint80 id, int256 value,, uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        if (answeredInRound < id) revert IncompleteRound(id, answeredInRound);
        if (updatedAt == 0 || updatedAt + maxAge < block.timestamp) revert StaleAnswer(updatedAt, block.timestamp, maxAge);
        return (value, id);
    }

    /// @notice Reads a fresh answer and records it (a state-changing use of the feed).
    function consume() external returns (int256 answer) {
        uint80 roundId;
        (answer, roundId) = read();
        lastAnswer = answer;
        lastRound = roundId;
        emit AnswerConsumed(roundId, answer, block.timestamp);
    }
}
