-- processing group asset-register: the assets containment acts on (signing keys, nodes, contracts, withdrawal
-- channels), their current state and their history. The projection owns these tables and rebuilds them on a replay.

CREATE TABLE asset_register (
    asset_id      VARCHAR(255)  NOT NULL,
    asset_type    VARCHAR(20)   NOT NULL,
    name          VARCHAR(128)  NOT NULL,
    chain         VARCHAR(64),
    address       VARCHAR(128),
    contract_name VARCHAR(200),
    purpose       VARCHAR(20),
    role          VARCHAR(20),
    asset         VARCHAR(40),
    venue         VARCHAR(100),
    description   VARCHAR(2000),
    state         VARCHAR(20)   NOT NULL,
    state_since   TIMESTAMP WITH TIME ZONE NOT NULL,
    incident_id   VARCHAR(36),
    step_id       VARCHAR(200),
    successor     VARCHAR(100),
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    registered_by VARCHAR(255)  NOT NULL,
    version       BIGINT        NOT NULL,
    CONSTRAINT pk_asset_register PRIMARY KEY (asset_id)
);

CREATE INDEX ix_asset_register_type_name ON asset_register (asset_type, name, chain);
CREATE INDEX ix_asset_register_address ON asset_register (address);

-- the wallets of a withdrawal channel, in the order registered
CREATE TABLE asset_wallet (
    asset_id VARCHAR(255) NOT NULL,
    position INTEGER      NOT NULL,
    chain    VARCHAR(64)  NOT NULL,
    address  VARCHAR(128) NOT NULL,
    CONSTRAINT pk_asset_wallet PRIMARY KEY (asset_id, position)
);

CREATE INDEX ix_asset_wallet_address ON asset_wallet (address);

CREATE TABLE asset_history (
    asset_id           VARCHAR(255)   NOT NULL,
    sequence_number    BIGINT         NOT NULL,
    event_type         VARCHAR(100)   NOT NULL,
    state              VARCHAR(20)    NOT NULL,
    incident_id        VARCHAR(36),
    step_id            VARCHAR(200),
    reason             VARCHAR(10000),
    external_reference VARCHAR(1000),
    actor              VARCHAR(255)   NOT NULL,
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_asset_history PRIMARY KEY (asset_id, sequence_number)
);
