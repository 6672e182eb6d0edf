// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.26;

/// A minimal upgradeable-proxy stand-in for the chain follower's tests: it records its implementation and emits
/// Upgraded(address) as ERC-1967 proxies do; it forwards no calls.
contract WatchedProxy {
    event Upgraded(address indexed implementation);

    address public admin;
    address public implementation;

    constructor(address initial) {
        admin = msg.sender;
        implementation = initial;
        emit Upgraded(initial);
    }

    function upgradeTo(address newImplementation) external {
        require(msg.sender == admin, "admin");
        implementation = newImplementation;
        emit Upgraded(newImplementation);
    }
}
