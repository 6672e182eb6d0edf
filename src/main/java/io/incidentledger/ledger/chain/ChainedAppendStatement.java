package io.incidentledger.ledger.chain;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Appends events with their chain values in the same INSERT: each row gets {@code prev_hash}, the entry hash of
 * the aggregate's previous event (or {@link EventHash#GENESIS}), and {@code entry_hash} over its own stored columns.
 * It works for every aggregate type and for events that belong to none.
 *
 * <p>The predecessor's hash comes from {@link ChainHeads} when this node committed it, else it is read in the
 * appending transaction. Two writers racing on one aggregate both chain to the same predecessor, and the unique key
 * on (aggregate, sequence number) lets only one of them commit, so the chain cannot fork. The heads of a batch are
 * remembered only once it was stored and its transaction has committed.
 */
public class ChainedAppendStatement implements AppendEventsStatementBuilder {

    private final ChainHeads heads;

    public ChainedAppendStatement(ChainHeads heads) {
        this.heads = heads;
    }

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields()
                + ", prev_hash, entry_hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)";
        Map<String, byte[]> lastHashInBatch = new HashMap<>();
        Map<String, Long> lastSequenceInBatch = new HashMap<>();
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (EventMessage<?> message : events) {
                DomainEventMessage<?> event = asDomainEvent(message);
                SerializedObject<byte[]> payload = event.serializePayload(serializer, byte[].class);
                SerializedObject<byte[]> metaData = event.serializeMetaData(serializer, byte[].class);
                String aggregate = event.getAggregateIdentifier();
                long sequence = event.getSequenceNumber();
                byte[] previous = sequence == 0 ? EventHash.GENESIS
                        : Long.valueOf(sequence - 1).equals(lastSequenceInBatch.get(aggregate))
                        ? lastHashInBatch.get(aggregate)
                        : predecessorHash(connection, schema, aggregate, sequence - 1);
                String timeStamp = DateTimeUtils.formatInstant(event.getTimestamp());
                byte[] hash = EventHash.of(event.getIdentifier(), aggregate, event.getType(), sequence, timeStamp,
                        payload.getType().getName(), payload.getType().getRevision(), payload.getData(),
                        metaData.getData(), previous);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, aggregate);
                statement.setLong(3, sequence);
                statement.setString(4, event.getType());
                statement.setString(5, timeStamp);
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setBytes(8, payload.getData());
                statement.setBytes(9, metaData.getData());
                statement.setBytes(10, previous);
                statement.setBytes(11, hash);
                statement.addBatch();
                lastHashInBatch.put(aggregate, hash);
                lastSequenceInBatch.put(aggregate, sequence);
            }
            return rememberedOnceStored(statement, lastSequenceInBatch, lastHashInBatch);
        } catch (SQLException | RuntimeException failure) {
            statement.close();
            throw failure;
        }
    }

    private byte[] predecessorHash(Connection connection, EventSchema schema, String aggregate, long sequence)
            throws SQLException {
        byte[] remembered = heads.hashOf(aggregate, sequence);
        return remembered != null ? remembered : storedHash(connection, schema, aggregate, sequence);
    }

    /**
     * The statement, which remembers the batch's heads after the transaction commits, but only once the batch itself
     * was stored: a caller that catches a failed append and commits anyway (its transaction spans more than the
     * append) must not leave a head behind that no stored event has.
     */
    private PreparedStatement rememberedOnceStored(PreparedStatement statement, Map<String, Long> sequences,
                                                   Map<String, byte[]> hashes) {
        InvocationHandler handler = (proxy, method, arguments) -> {
            Object result;
            try {
                result = method.invoke(statement, arguments);
            } catch (InvocationTargetException failure) {
                throw failure.getCause();
            }
            if ("executeBatch".equals(method.getName())) {
                rememberAfterCommit(sequences, hashes);
            }
            return result;
        };
        return (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, handler);
    }

    private void rememberAfterCommit(Map<String, Long> sequences, Map<String, byte[]> hashes) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                sequences.forEach((aggregate, sequence) -> heads.committed(aggregate, sequence,
                        hashes.get(aggregate)));
            }
        });
    }

    private static byte[] storedHash(Connection connection, EventSchema schema, String aggregate, long sequence)
            throws SQLException {
        String sql = "SELECT entry_hash FROM " + schema.domainEventTable() + " WHERE "
                + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn() + " = ?";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, aggregate);
            query.setLong(2, sequence);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("cannot chain event " + aggregate + "#" + (sequence + 1)
                            + ": its predecessor #" + sequence + " is not in the store");
                }
                return row.getBytes(1);
            }
        }
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> event) {
        // the same rule as Axon's own statement: an event of no aggregate is its own one-event stream
        return event instanceof DomainEventMessage<?> domainEvent
                ? domainEvent
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }
}
