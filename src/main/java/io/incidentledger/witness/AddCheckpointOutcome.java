package io.incidentledger.witness;

/** What the witness answers to an add-checkpoint request (c2sp.org/tlog-witness); each case is one status code. */
sealed interface AddCheckpointOutcome {

    /** 200: the checkpoint is cosigned and stored; the body is the cosignature lines, each ending in a newline. */
    record Cosigned(long treeSize, String signatureLines) implements AddCheckpointOutcome {
    }

    /** 400: the body is malformed or its old size is larger than the checkpoint's size. */
    record Malformed(String reason) implements AddCheckpointOutcome {
    }

    /** 403: no signature by a key trusted for the origin, or one by a trusted key that does not verify. */
    record NotTrusted(String reason) implements AddCheckpointOutcome {
    }

    /** 404: the witness does not cosign this origin. */
    record UnknownLog(String origin) implements AddCheckpointOutcome {
    }

    /** 409: the old size is not the size of the latest checkpoint the witness cosigned for the log. */
    record SizeMismatch(long storedSize) implements AddCheckpointOutcome {
    }

    /** 422: the checkpoint is not consistent with the one the witness cosigned (or with the empty tree). */
    record Inconsistent(String reason) implements AddCheckpointOutcome {
    }
}
