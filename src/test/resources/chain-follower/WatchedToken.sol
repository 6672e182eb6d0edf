// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

/// A minimal ERC-20 token for the chain follower's tests, with an owner, a pause switch and roles: just enough to
/// emit Transfer, OwnershipTransferred, Paused and RoleGranted the way widely used token contracts do.
contract WatchedToken {
    event Transfer(address indexed from, address indexed to, uint256 value);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event Paused(address account);
    event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender);

    string public constant symbol = "WTK";
    uint8 public constant decimals = 6;
    uint256 public totalSupply;
    address public owner;
    bool public paused;
    mapping(address => uint256) public balanceOf;
    mapping(bytes32 => mapping(address => bool)) public hasRole;

    constructor(uint256 supply) {
        owner = msg.sender;
        totalSupply = supply;
        balanceOf[msg.sender] = supply;
        emit OwnershipTransferred(address(0), msg.sender);
        emit Transfer(address(0), msg.sender, supply);
    }

    function transfer(address to, uint256 value) external returns (bool) {
        require(!paused, "paused");
        require(balanceOf[msg.sender] >= value, "balance");
        balanceOf[msg.sender] -= value;
        balanceOf[to] += value;
        emit Transfer(msg.sender, to, value);
        return true;
    }

    function transferOwnership(address newOwner) external {
        require(msg.sender == owner, "owner");
        emit OwnershipTransferred(owner, newOwner);
        owner = newOwner;
    }

    function pause() external {
        require(msg.sender == owner, "owner");
        paused = true;
        emit Paused(msg.sender);
    }

    function grantRole(bytes32 role, address account) external {
        require(msg.sender == owner, "owner");
        hasRole[role][account] = true;
        emit RoleGranted(role, account, msg.sender);
    }
}
