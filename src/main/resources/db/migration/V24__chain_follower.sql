-- The chain follower's place on each chain it follows (docs/chain-follower.md). One cursor row per chain: the next
-- block to read, and which node follows the chain until when (a lease the node renews as it goes; another node
-- takes the chain over only once it has run out). One block row per recently processed block with its hash, the
-- newest reorg-depth of them, to recognise a block the chain has replaced.

CREATE TABLE chain_follower_cursor (
    chain        VARCHAR(64)  NOT NULL,
    next_block   BIGINT       NOT NULL,
    lease_owner  VARCHAR(255),
    lease_until  TIMESTAMP WITH TIME ZONE,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_chain_follower_cursor PRIMARY KEY (chain)
);

CREATE TABLE chain_follower_block (
    chain         VARCHAR(64) NOT NULL,
    block_number  BIGINT      NOT NULL,
    block_hash    VARCHAR(66) NOT NULL,
    CONSTRAINT pk_chain_follower_block PRIMARY KEY (chain, block_number)
);
