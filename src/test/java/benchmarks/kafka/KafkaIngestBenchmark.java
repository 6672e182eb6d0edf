package benchmarks.kafka;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import benchmarks.detection.DetectionApplication;
import benchmarks.detection.TransactionBatches;
import benchmarks.harness.BenchmarkReport;
import benchmarks.harness.BenchmarkSettings;
import benchmarks.harness.LatencyStats;
import benchmarks.harness.ScratchDatabase;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringBootVersion;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Benchmark: transactions per second consumed from Kafka by one node, with every transaction rule and the
 * outflow-anomaly rule on (candidate) against the same records with
 * {@code incident-ledger.detection.rules.enabled=false} (baseline: read and validate only), all in this JVM with an
 * embedded KRaft broker, each application on its own scratch PostgreSQL database; then, on the rules-on node at a
 * paced rate, the time from a record's append to its incident's first event. Both for the detection mix and for the
 * exchange mix (the same generator, hits rarer). Writes {@code target/bench/kafka-ingest.json}; see
 * {@code docs/benchmarks.md}, "The Kafka ingest benchmark".
 */
public final class KafkaIngestBenchmark {

    public static final String NAME = "kafka-ingest";
    private static final String GROUP = "incident-ledger-ingest";
    private static final int SLOWEST_PROBES = 10;
    /** Records per slice of a node's run, timed apart to show its warm-up. */
    private static final int SLICE = 100_000;

    private KafkaIngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("axoniq.update-checker.disabled", "true");
        int partitions = BenchmarkSettings.integer("bench.kafka.partitions", 4);
        int concurrency = BenchmarkSettings.integer("bench.kafka.concurrency", 4);
        int warmup = BenchmarkSettings.integer("bench.kafka.warmup", 1_000_000);
        int measured = BenchmarkSettings.integer("bench.kafka.transactions", 500_000);
        int latencyRate = BenchmarkSettings.integer("bench.kafka.latency-rate", 15_000);
        int latencySeconds = BenchmarkSettings.integer("bench.kafka.latency-seconds", 10);
        int probes = BenchmarkSettings.integer("bench.kafka.probes", 200);
        int rarity = BenchmarkSettings.integer("bench.kafka.exchange-rarity", 100);
        // the exchange mix is consumed several times faster: more records, so that its measured stretch lasts seconds
        int exchangeMeasured = BenchmarkSettings.integer("bench.kafka.exchange-transactions", 1_000_000);
        int exchangeLatencySeconds = BenchmarkSettings.integer("bench.kafka.exchange-latency-seconds", 60);
        int exchangeProbes = BenchmarkSettings.integer("bench.kafka.exchange-probes", 120);
        long idleTimeoutMillis = BenchmarkSettings.integer("bench.idle-timeout-ms", 120_000);
        Path output = Path.of(BenchmarkSettings.string("bench.output.dir", "target/bench"));

        long generateStart = System.nanoTime();
        List<TransactionBatches.Transaction> transactions = TransactionBatches.transactions(warmup + measured, 42);
        List<TransactionBatches.Transaction> exchangeMix = rarity > 0
                ? TransactionBatches.transactions(warmup + exchangeMeasured, 42, rarity) : List.of();
        System.out.printf("benchmark %s: %d transactions generated in %.1f s; %d partitions, %d consumers, %d warm-up"
                        + " + %d measured per node%n", NAME, transactions.size(),
                (System.nanoTime() - generateStart) / 1e9, partitions, concurrency, warmup, measured);

        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0", "offsets.topic.num.partitions", "1",
                "log.message.timestamp.type", "LogAppendTime"));
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.getBrokersAsString()));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     "bootstrap.servers", broker.getBrokersAsString(), "acks", "all", "linger.ms", "5",
                     "batch.size", "262144", "compression.type", "lz4"),
                     new StringSerializer(), new StringSerializer());
             ScratchDatabase onDatabase = ScratchDatabase.create("incident_ledger_bench_kafka_on");
             ScratchDatabase offDatabase = ScratchDatabase.create("incident_ledger_bench_kafka_off");
             ScratchDatabase exchangeDatabase = ScratchDatabase.create("incident_ledger_bench_kafka_exchange");
             ScratchDatabase exchangeOffDatabase = ScratchDatabase.create("incident_ledger_bench_kafka_exchange_off")) {
            Map<String, List<TransactionBatches.Transaction>> topics = new LinkedHashMap<>();
            topics.put("bench.rules-off", transactions);
            topics.put("bench.rules-on", transactions);
            if (!exchangeMix.isEmpty()) {
                topics.put("bench.rules-off-exchange-mix", exchangeMix);
                topics.put("bench.rules-on-exchange-mix", exchangeMix);
            }
            admin.createTopics(topics.keySet().stream().map(topic -> new NewTopic(topic, partitions, (short) 1))
                    .toList()).all().get();
            awaitLeaders(admin, producer, List.copyOf(topics.keySet()), partitions);
            long produceStart = System.nanoTime();
            AtomicReference<Exception> failedSend = new AtomicReference<>();
            for (Map.Entry<String, List<TransactionBatches.Transaction>> topicRecords : topics.entrySet()) {
                String topic = topicRecords.getKey();
                for (TransactionBatches.Transaction transaction : topicRecords.getValue()) {
                    producer.send(new ProducerRecord<>(topic, transaction.subject(), transaction.json()),
                            (metadata, failure) -> {
                                if (failure != null) {
                                    failedSend.compareAndSet(null, failure);
                                }
                            });
                }
            }
            producer.flush();
            if (failedSend.get() != null) {
                // a record short, and the consumers would wait for it until the idle timeout: no figures
                throw new IllegalStateException("the broker did not take every record", failedSend.get());
            }
            System.out.printf("  produced %d records to the rules-off and rules-on topics, %d to the two of the"
                    + " exchange mix, in %.1f s%n", transactions.size(), exchangeMix.size(),
                    (System.nanoTime() - produceStart) / 1e9);

            Map<String, Object> baseline = consume(broker, admin, offDatabase, "bench.rules-off", false, partitions,
                    concurrency, warmup, transactions.size(), idleTimeoutMillis, null);
            Map<String, Object> latency = new LinkedHashMap<>();
            Map<String, Object> candidate = consume(broker, admin, onDatabase, "bench.rules-on", true, partitions,
                    concurrency, warmup, transactions.size(), idleTimeoutMillis, application -> latency.putAll(
                            latency(application, producer, "bench.rules-on", latencyRate, latencySeconds, probes,
                                    0)));
            // the same rules on a stream whose hit-producing transactions are `rarity` times rarer, against the same
            // stream with the rules off; then the latency with that stream as the background
            Map<String, Object> exchangeBaseline = exchangeMix.isEmpty() ? null : consume(broker, admin,
                    exchangeOffDatabase, "bench.rules-off-exchange-mix", false, partitions, concurrency, warmup,
                    exchangeMix.size(), idleTimeoutMillis, null);
            Map<String, Object> exchangeLatency = new LinkedHashMap<>();
            Map<String, Object> exchange = exchangeMix.isEmpty() ? null : consume(broker, admin, exchangeDatabase,
                    "bench.rules-on-exchange-mix", true, partitions, concurrency, warmup, exchangeMix.size(),
                    idleTimeoutMillis, application -> exchangeLatency.putAll(latency(application, producer,
                            "bench.rules-on-exchange-mix", latencyRate, exchangeLatencySeconds, exchangeProbes,
                            rarity)));

            double on = (double) candidate.get("transactionsPerSecond");
            double off = (double) baseline.get("transactionsPerSecond");
            double onExchange = exchange == null ? Double.NaN : (double) exchange.get("transactionsPerSecond");
            double offExchange = exchange == null ? Double.NaN
                    : (double) exchangeBaseline.get("transactionsPerSecond");
            Map<String, Object> environment = BenchmarkReport.jvmEnvironment();
            environment.put("springBootVersion", SpringBootVersion.getVersion());
            environment.put("kafka", "embedded KRaft broker (spring-kafka-test) in this JVM, one broker");
            environment.put("database", Map.of("product", "PostgreSQL", "serverVersion", onDatabase.serverVersion()));
            Map<String, Object> settings = new LinkedHashMap<>();
            settings.put("partitions", partitions);
            settings.put("consumersPerNode", concurrency);
            settings.put("warmupTransactions", warmup);
            settings.put("measuredTransactions", measured);
            settings.put("latencyRatePerSecond", latencyRate);
            settings.put("latencySeconds", latencySeconds);
            settings.put("probes", probes);
            settings.put("recordKey", "chain:sender");
            settings.put("exchangeMixRarity", rarity);
            settings.put("exchangeMeasuredTransactions", exchangeMeasured);
            settings.put("exchangeLatencySeconds", exchangeLatencySeconds);
            settings.put("exchangeProbes", exchangeProbes);
            List<String> rulesOn = new ArrayList<>(TransactionBatches.rulesArguments(true));
            rulesOn.addAll(TransactionBatches.anomalyArguments());
            settings.put("rulesArguments", rulesOn);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", NAME);
            report.put("description", "Transactions per second consumed from Kafka by one node: rules-on (candidate)"
                    + " vs the same records with every rule off (baseline, read and validate only); then append to"
                    + " incident first event at a paced rate on the rules-on node; then the same over the exchange"
                    + " mix, the same stream with the transactions that hit a rule exchangeMixRarity times rarer"
                    + " (baselineExchangeMix, candidateExchangeMix).");
            report.put("timestamp", Instant.now().toString());
            report.put("environment", environment);
            report.put("settings", settings);
            report.put("baseline", baseline);
            report.put("candidate", candidate);
            report.put("ratio", Math.round(on / off * 1000) / 1000.0);
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("transactionsPerSecond", 45_000);
            target.put("reachedWithRulesOn", on >= 45_000);
            if (exchange != null) {
                report.put("baselineExchangeMix", exchangeBaseline);
                report.put("candidateExchangeMix", exchange);
                report.put("ratioExchangeMix", Math.round(onExchange / offExchange * 1000) / 1000.0);
                target.put("reachedWithRulesOnExchangeMix", onExchange >= 45_000);
            }
            target.put("appendToIncidentP99Millis", 250);
            target.put("appendToIncidentP99Reached", p99(latency) <= 250);
            if (exchange != null) {
                target.put("appendToIncidentP99ReachedExchangeMix", p99(exchangeLatency) <= 250);
            }
            report.put("target", target);
            report.put("appendToIncident", latency);
            if (exchange != null) {
                report.put("appendToIncidentExchangeMix", exchangeLatency);
            }
            Files.createDirectories(output);
            Path file = output.resolve(NAME + ".json");
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), report);
            System.out.printf("%nrules-off %10.0f tx/s%nrules-on  %10.0f tx/s (ratio %.3f)%nappend to incident %s%n"
                    + "exchange mix (hits %d times rarer): rules-off %10.0f tx/s, rules-on %10.0f tx/s (ratio %.3f)%n"
                    + "append to incident, exchange mix %s%nwritten %s%n", off, on, on / off,
                    latency.get("appendToFirstEventMillis"), rarity, offExchange, onExchange, onExchange / offExchange,
                    exchangeLatency.get("appendToFirstEventMillis"), file.toAbsolutePath());
        } finally {
            broker.destroy();
        }
    }

    /** What a consuming node is handed once its backlog is consumed. */
    interface AfterBacklog {
        void run(DetectionApplication application) throws Exception;
    }

    /**
     * Waits until every partition of the new topics has a leader, as the broker and the producer see it: a first
     * batch sent before that is refused (NOT_LEADER_OR_FOLLOWER), and its retry can leave the idempotent producer's
     * sequence numbers out of step with the broker's (OUT_OF_ORDER_SEQUENCE_NUMBER until the batch expires).
     */
    private static void awaitLeaders(Admin admin, KafkaProducer<String, String> producer, List<String> topics,
                                     int partitions) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            boolean ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
                    .allMatch(topic -> topic.partitions().size() == partitions
                            && topic.partitions().stream().allMatch(partition -> partition.leader() != null))
                    && topics.stream().allMatch(topic -> producer.partitionsFor(topic).stream()
                            .allMatch(partition -> partition.leader() != null));
            if (ready && brokerLeads(admin, topics, partitions)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topics' partitions have no leader after 60 s");
            }
            Thread.sleep(100);
        }
    }

    /**
     * Whether the broker itself now answers as each partition's leader: a ListOffsets request is refused with
     * NOT_LEADER_OR_FOLLOWER, as a produce request is, until the broker has taken up the leadership that the
     * controller's metadata already shows.
     */
    private static boolean brokerLeads(Admin admin, List<String> topics, int partitions) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (String topic : topics) {
            for (int partition = 0; partition < partitions; partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        }
        try {
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        }
    }

    /**
     * Starts a node on {@code topic} with its consumers stopped, starts them, and times how long the measured records
     * take once the warm-up records are consumed (committed offsets, read every 20 ms).
     */
    private static Map<String, Object> consume(EmbeddedKafkaKraftBroker broker, Admin admin, ScratchDatabase database,
                                               String topic, boolean rules, int partitions, int concurrency,
                                               int warmup, int total, long idleTimeoutMillis, AfterBacklog after)
            throws Exception {
        List<String> arguments = new ArrayList<>(TransactionBatches.rulesArguments(rules));
        if (rules) {
            arguments.addAll(TransactionBatches.anomalyArguments());
        }
        arguments.addAll(List.of("--spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--incident-ledger.kafka.ingest.enabled=true",
                "--incident-ledger.kafka.ingest.auto-startup=false",
                "--incident-ledger.kafka.ingest.transactions-topic=" + topic,
                "--incident-ledger.kafka.ingest.group-id=" + GROUP + "-" + topic,
                "--incident-ledger.kafka.ingest.concurrency=" + concurrency));
        try (DetectionApplication application = DetectionApplication.start(database, arguments)) {
            MessageListenerContainer container = application.context().getBean("kafkaTransactionsContainer",
                    MessageListenerContainer.class);
            long start = System.nanoTime();
            container.start();
            long warm = -1;
            long consumed;
            // the first reading at or past each multiple of SLICE records, {committed, when}: the node's warm-up, as
            // a curve; one reading past two multiples (a long pause) ends one longer slice, not two
            List<long[]> sliceEnds = new ArrayList<>();
            long nextSlice = SLICE;
            while (true) {
                consumed = committed(admin, GROUP + "-" + topic, topic, partitions);
                long now = System.nanoTime();
                if (consumed >= nextSlice) {
                    sliceEnds.add(new long[] {consumed, now});
                    nextSlice = (consumed / SLICE + 1) * SLICE;
                }
                if (warm < 0 && consumed >= warmup) {
                    warm = now;
                }
                if (consumed >= total) {
                    break;
                }
                if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
                    throw new IllegalStateException(topic + ": only " + consumed + " of " + total + " consumed");
                }
                Thread.sleep(20);
            }
            long end = System.nanoTime();
            application.awaitProcessorsCaughtUp(idleTimeoutMillis);
            long caughtUp = System.nanoTime();
            MeterRegistry registry = application.context().getBean(MeterRegistry.class);
            Map<String, Object> side = new LinkedHashMap<>();
            side.put("name", (rules ? "rules-on" : "rules-off") + (topic.endsWith("exchange-mix") ? ", exchange mix"
                    : ""));
            side.put("topic", topic);
            double seconds = (end - warm) / 1e9;
            side.put("transactionsPerSecond", Math.round((total - warmup) / seconds * 10) / 10.0);
            side.put("measuredSeconds", Math.round(seconds * 1000) / 1000.0);
            side.put("warmupSeconds", Math.round((warm - start) / 1e6) / 1000.0);
            // how far the views and sagas (tracking processors) were behind when the last record was committed
            side.put("viewsCaughtUpSeconds", Math.round((caughtUp - end) / 1e6) / 1000.0);
            List<Map<String, Object>> slices = new ArrayList<>();
            for (int i = 1; i < sliceEnds.size(); i++) {
                // from the end of the first slice: the first includes the consumers' start and first assignment
                long[] from = sliceEnds.get(i - 1);
                long[] to = sliceEnds.get(i);
                Map<String, Object> slice = new LinkedHashMap<>();
                slice.put("records", from[0] + "-" + to[0]);
                slice.put("transactionsPerSecond", Math.round((to[0] - from[0]) / ((to[1] - from[1]) / 1e9)));
                slices.add(slice);
            }
            side.put("bySlice", slices);
            System.out.printf("  %s, tx/s over each ~%d records after the first: %s%n", side.get("name"), SLICE,
                    slices.stream().map(slice -> String.valueOf(slice.get("transactionsPerSecond"))).toList());
            Map<String, Object> hits = new LinkedHashMap<>();
            registry.find("incident-ledger.kafka.ingest.hits").counters().forEach(counter -> hits.put(
                    counter.getId().getTag("outcome"), (long) counter.count()));
            side.put("hits", hits);
            side.put("evaluated", (long) registry.get("incident-ledger.kafka.ingest.records").tag("result", "evaluated")
                    .counter().count());
            if (after != null) {
                after.run(application);
            }
            return side;
        }
    }

    private static long committed(Admin admin, String group, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long sum = 0;
        for (int partition = 0; partition < partitions; partition++) {
            OffsetAndMetadata offset = offsets.get(new TopicPartition(topic, partition));
            sum += offset == null ? 0 : offset.offset();
        }
        return sum;
    }

    /** The p99 of a latency result; infinity when it has none, or when a probe's incident was not found. */
    private static double p99(Map<String, Object> latency) {
        if (!(latency.get("appendToFirstEventMillis") instanceof LatencyStats stats) || stats.count() == 0
                || !latency.get("incidentsFound").equals(latency.get("probes"))) {
            return Double.POSITIVE_INFINITY;
        }
        return stats.p99();
    }

    /**
     * Produces the detection benchmark's transactions (seed 7; with {@code rarity} above 0, the exchange mix with
     * that rarity) at {@code rate} per second for {@code seconds} as the background, with {@code probes} large
     * transfers from senders never seen before spread evenly among them (each opens an incident); then, per probe,
     * its append time (the broker's LogAppendTime) → the {@code time_stamp} of its incident's first event.
     */
    private static Map<String, Object> latency(DetectionApplication application,
                                               KafkaProducer<String, String> producer, String topic, int rate,
                                               int seconds, int probes, int rarity) throws Exception {
        List<TransactionBatches.Transaction> background = rarity > 0
                ? TransactionBatches.transactions(rate * seconds, 7, rarity)
                : TransactionBatches.transactions(rate * seconds, 7);
        int every = Math.max(1, background.size() / probes);
        Map<String, Future<RecordMetadata>> sent = new HashMap<>();
        long start = System.nanoTime();
        long run = System.currentTimeMillis();
        for (int i = 0; i < background.size(); i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 1_000_000) {
                Thread.sleep(wait / 1_000_000);
            }
            TransactionBatches.Transaction transaction = background.get(i);
            producer.send(new ProducerRecord<>(topic, transaction.subject(), transaction.json()));
            if (i % every == 0 && sent.size() < probes) {
                String hash = String.format("0xbe%013x%049x", run, sent.size());
                String sender = String.format("0xbe%013x%025x", run, sent.size());
                String json = "{\"chain\":\"ethereum\",\"hash\":\"" + hash + "\",\"block\":1,\"from\":\"" + sender
                        + "\",\"to\":\"0x7a00000000000000000000000000000000000001\",\"asset\":\"ETH\","
                        + "\"amount\":\"75\",\"status\":\"SUCCESS\"}";
                sent.put(hash, producer.send(new ProducerRecord<>(topic, "ethereum:" + sender, json)));
            }
        }
        producer.flush();
        double producedSeconds = (System.nanoTime() - start) / 1e9;
        Map<String, Instant> appended = new HashMap<>();
        for (Map.Entry<String, Future<RecordMetadata>> probe : sent.entrySet()) {
            appended.put(probe.getKey(), Instant.ofEpochMilli(probe.getValue().get().timestamp()));
        }
        DataSource dataSource = application.context().getBean(DataSource.class);
        Map<String, Instant> stored = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (stored.size() < appended.size() && System.nanoTime() < deadline) {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement query = connection.prepareStatement("SELECT first.time_stamp,"
                         + " convert_from(attached.payload, 'UTF8') FROM domain_event_entry attached"
                         + " JOIN domain_event_entry first ON first.aggregate_identifier = attached.aggregate_identifier"
                         + " AND first.sequence_number = 0 WHERE attached.sequence_number = 1"
                         + " AND attached.payload_type LIKE '%DetectionAttached'")) {
                try (ResultSet row = query.executeQuery()) {
                    while (row.next()) {
                        String payload = row.getString(2);
                        int at = payload.indexOf("large-transfer:0xbe");
                        if (at >= 0) {
                            String hash = payload.substring(at + "large-transfer:".length(),
                                    at + "large-transfer:".length() + 66);
                            if (appended.containsKey(hash)) {
                                stored.putIfAbsent(hash, Instant.parse(row.getString(1)));
                            }
                        }
                    }
                }
            }
            Thread.sleep(200);
        }
        List<Long> nanos = new ArrayList<>();
        List<Map<String, Object>> probeTimes = new ArrayList<>();
        appended.forEach((hash, at) -> {
            Instant first = stored.get(hash);
            if (first != null) {
                long took = Duration.between(at, first).toNanos();
                nanos.add(took);
                Map<String, Object> probe = new LinkedHashMap<>();
                probe.put("appendedAtSecond", Math.round((at.toEpochMilli() - run) / 100.0) / 10.0);
                probe.put("millis", took / 1_000_000);
                probeTimes.add(probe);
            }
        });
        long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
        probeTimes.sort(Comparator.comparing(probe -> -(long) probe.get("millis")));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ratePerSecond", rate);
        result.put("producedSeconds", Math.round(producedSeconds * 1000) / 1000.0);
        result.put("backgroundTransactions", background.size());
        result.put("background", rarity > 0 ? "exchange mix, rarity " + rarity : "detection mix");
        result.put("probes", appended.size());
        result.put("incidentsFound", stored.size());
        result.put("appendToFirstEventMillis", LatencyStats.of(List.of(values)));
        // where in the run the tail falls: the slowest probes, by their append's second since the first record
        result.put("slowestProbes", probeTimes.subList(0, Math.min(SLOWEST_PROBES, probeTimes.size())));
        result.put("note", "append: the broker's LogAppendTime of the probe record; first event: time_stamp of the"
                + " incident's event 0 in domain_event_entry; same machine and clock");
        return result;
    }
}
