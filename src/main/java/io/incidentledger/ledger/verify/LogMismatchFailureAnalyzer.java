package io.incidentledger.ledger.verify;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a refused start because of {@link LogMismatchException} as plain text, without a stack trace. */
class LogMismatchFailureAnalyzer extends AbstractFailureAnalyzer<LogMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LogMismatchException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
