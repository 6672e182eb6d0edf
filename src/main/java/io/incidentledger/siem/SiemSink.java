package io.incidentledger.siem;

import java.util.List;

/** Where an export sends incident events: a Kafka topic, a syslog receiver. */
interface SiemSink extends AutoCloseable {

    /** The sink's name, also its row in {@code siem_cursor}. */
    String name();

    /**
     * Sends the events, in this order, and returns once the receiver has taken every one of them.
     *
     * @throws SiemDeliveryException when any of them may not have arrived; the caller sends them all again later
     */
    void publish(List<LedgerEntry> events);

    @Override
    void close();
}
