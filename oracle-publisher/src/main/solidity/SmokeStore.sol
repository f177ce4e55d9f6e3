// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice Smallest contract that proves the platform path: deploy, write a uint256, emit an event, read it back.
contract SmokeStore {
    event Stored(address indexed by, uint256 value);

    uint256 public value;

    function store(uint256 newValue) external {
        value = newValue;
        emit Stored(msg.sender, newValue);
    }
}
