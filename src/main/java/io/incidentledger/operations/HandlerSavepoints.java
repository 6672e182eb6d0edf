package io.incidentledger.operations;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs every event handler of a processing group within a savepoint of the processor's transaction, so that a
 * handler that fails leaves nothing behind: its writes are undone, and on PostgreSQL, where a failed statement
 * aborts the whole transaction, the transaction can still park the event and move the token. Without it the
 * dead-letter queue could not write its entry, and on H2 half of a failed handler's writes would be committed.
 */
final class HandlerSavepoints implements HandlerEnhancerDefinition {

    private static final TransactionDefinition SAVEPOINT = new DefaultTransactionDefinition(
            TransactionDefinition.PROPAGATION_NESTED);

    private final PlatformTransactionManager transactions;

    HandlerSavepoints(PlatformTransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean projectionHandler = original.canHandleMessageType(EventMessage.class)
                && !original.annotationAttributes(SagaEventHandler.class).isPresent()
                && AnnotatedElementUtils.hasAnnotation(original.declaringClass(), ProcessingGroup.class);
        return projectionHandler ? new Savepointed<>(original, transactions) : original;
    }

    private static final class Savepointed<T> extends WrappedMessageHandlingMember<T> {

        private final PlatformTransactionManager transactions;

        Savepointed(MessageHandlingMember<T> delegate, PlatformTransactionManager transactions) {
            super(delegate);
            this.transactions = transactions;
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            TransactionStatus savepoint = transactions.getTransaction(SAVEPOINT);
            Object result;
            try {
                result = super.handle(message, target);
            } catch (Exception | Error failure) {
                try {
                    transactions.rollback(savepoint);
                } catch (RuntimeException rollbackFailed) {
                    failure.addSuppressed(rollbackFailed);
                }
                throw failure;
            }
            transactions.commit(savepoint);
            return result;
        }
    }
}
