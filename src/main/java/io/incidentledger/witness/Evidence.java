package io.incidentledger.witness;

import java.time.Instant;
import java.util.List;

/**
 * A checkpoint the log signed that the witness refused because it does not extend the one the witness cosigned:
 * together with the stored checkpoint, also signed by the log, it is evidence that the log showed two views.
 *
 * @param id the record's number
 * @param origin the log's origin
 * @param detectedAt when the witness refused the checkpoint
 * @param reason why the checkpoint is inconsistent
 * @param oldSize the old size of the request
 * @param storedCheckpoint the checkpoint the witness had cosigned, as the log submitted it; null if none
 * @param submittedCheckpoint the refused checkpoint, as submitted, with its verified log signature
 * @param consistencyProof the submitted proof, one base64 hash each
 */
public record Evidence(long id, String origin, Instant detectedAt, String reason, long oldSize,
        String storedCheckpoint, String submittedCheckpoint, List<String> consistencyProof) {

    public Evidence {
        consistencyProof = List.copyOf(consistencyProof);
    }
}
