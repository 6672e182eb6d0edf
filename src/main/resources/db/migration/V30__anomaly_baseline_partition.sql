-- With Kafka ingest, a subject's baseline belongs to the consumer holding the partition its transactions are read
-- from (docs/anomalies.md, "Several nodes"): the row names that partition (topic-partition), so that the consumer
-- taking the partition over reads exactly its subjects. NULL for subjects not read from Kafka.

ALTER TABLE anomaly_baseline ADD COLUMN kafka_partition VARCHAR(300);

CREATE INDEX ix_anomaly_baseline_partition ON anomaly_baseline (rule_id, kafka_partition);
