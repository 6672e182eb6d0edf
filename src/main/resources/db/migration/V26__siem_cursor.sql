-- Where each SIEM export is in the Merkle log: the next leaf it publishes (docs/siem.md). The cursor moves only after
-- the receiver took every incident event of the leaves before it.
CREATE TABLE siem_cursor (
    sink      VARCHAR(16) NOT NULL,
    next_leaf BIGINT      NOT NULL,
    CONSTRAINT pk_siem_cursor PRIMARY KEY (sink)
);

INSERT INTO siem_cursor (sink, next_leaf) VALUES ('kafka', 0);
INSERT INTO siem_cursor (sink, next_leaf) VALUES ('syslog', 0);
