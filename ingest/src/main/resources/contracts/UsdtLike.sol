// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// @notice USDT-like token for the chain-backed simulator, with TetherToken's traps: issue/redeem change supply
/// and emit Issue/Redeem but no Transfer; destroyBlackFunds zeroes a blacklisted balance emitting only
/// DestroyedBlackFunds; transfer returns nothing.
contract UsdtLike {
    string public constant name = "Tether USD (Ledgermind sim)";
    string public constant symbol = "USDT";
    uint8 public constant decimals = 6;

    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => bool) public isBlackListed;
    address public immutable owner;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Issue(uint256 amount);
    event Redeem(uint256 amount);
    event AddedBlackList(address _user);
    event DestroyedBlackFunds(address _blackListedUser, uint256 _balance);

    error NotOwner();
    error InsufficientBalance(uint256 balance, uint256 needed);
    error NotBlackListed(address user);
    error BlackListed(address user);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    constructor() {
        owner = msg.sender;
    }

    function issue(uint256 amount) external onlyOwner {
        balanceOf[owner] += amount;
        totalSupply += amount;
        emit Issue(amount);
    }

    function redeem(uint256 amount) external onlyOwner {
        uint256 balance = balanceOf[owner];
        if (balance < amount) revert InsufficientBalance(balance, amount);
        balanceOf[owner] = balance - amount;
        totalSupply -= amount;
        emit Redeem(amount);
    }

    function addBlackList(address user) external onlyOwner {
        isBlackListed[user] = true;
        emit AddedBlackList(user);
    }

    function destroyBlackFunds(address user) external onlyOwner {
        if (!isBlackListed[user]) revert NotBlackListed(user);
        uint256 dirty = balanceOf[user];
        balanceOf[user] = 0;
        totalSupply -= dirty;
        emit DestroyedBlackFunds(user, dirty);
    }

    /// No return value, like USDT: callers must not expect a bool.
    function transfer(address to, uint256 value) external {
        if (isBlackListed[msg.sender]) revert BlackListed(msg.sender);
        uint256 balance = balanceOf[msg.sender];
        if (balance < value) revert InsufficientBalance(balance, value);
        balanceOf[msg.sender] = balance - value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
    }
}
