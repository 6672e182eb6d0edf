package io.incidentledger.detection.ingest.transactions;

import org.springframework.http.HttpStatus;

/** A batch was refused before any rule ran; answered with the status, code and (when known) index and field. */
class TransactionBatchException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Integer index;
    private final String field;

    TransactionBatchException(HttpStatus status, String code, String detail, Integer index, String field) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.index = index;
        this.field = field;
    }

    static TransactionBatchException invalid(int index, String field, String problem) {
        return new TransactionBatchException(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-transaction",
                "transaction " + index + ": field '" + field + "' " + problem, index, field);
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    Integer index() {
        return index;
    }

    String field() {
        return field;
    }
}
