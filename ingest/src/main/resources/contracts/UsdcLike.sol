// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice USDC-like token for the chain-backed simulator: the events and supply semantics of Circle's FiatToken
/// (Mint/Burn beside Transfer from/to the zero address), none of its access-control machinery.
contract UsdcLike {
    string public constant name = "USD Coin (Ledgermind sim)";
    string public constant symbol = "USDC";
    uint8 public constant decimals = 6;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    address public immutable masterMinter;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Mint(address indexed minter, address indexed to, uint256 amount);
    event Burn(address indexed burner, uint256 amount);

    error NotMinter();
    error InsufficientBalance(uint256 balance, uint256 needed);

    constructor() {
        masterMinter = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != masterMinter) revert NotMinter();
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Mint(msg.sender, to, amount);
        emit Transfer(address(0), to, amount);
    }

    /// FiatToken burns from the minter's own balance.
    function burn(uint256 amount) external {
        if (msg.sender != masterMinter) revert NotMinter();
        uint256 balance = balanceOf[msg.sender];
        if (balance < amount) revert InsufficientBalance(balance, amount);
        balanceOf[msg.sender] = balance - amount;
        totalSupply -= amount;
        emit Burn(msg.sender, amount);
        emit Transfer(msg.sender, address(0), amount);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        uint256 balance = balanceOf[msg.sender];
        if (balance < value) revert InsufficientBalance(balance, value);
        balanceOf[msg.sender] = balance - value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }
}
