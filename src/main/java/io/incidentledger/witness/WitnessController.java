package io.incidentledger.witness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.incidentledger.ledger.log.AddCheckpointRequest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The witness's HTTP interface (docs/witness.md): {@code POST /add-checkpoint} and
 * {@code GET /<origin hash>/checkpoint} of c2sp.org/tlog-witness, with this witness's submission and monitoring
 * prefix both the server's root; {@code GET /verifier-key} and {@code GET /evidence} besides.
 *
 * <p>The protocol defines status codes only; refusals carry an {@code application/problem+json} body with the reason,
 * except the 409, whose body the protocol defines.
 */
@RestController
class WitnessController {

    static final MediaType TEXT_PLAIN_UTF8 = new MediaType("text", "plain", StandardCharsets.UTF_8);
    static final MediaType TLOG_SIZE = MediaType.parseMediaType(AddCheckpointRequest.SIZE_MEDIA_TYPE);

    private final Witness witness;
    private final int maxRequestBytes;

    WitnessController(Witness witness, WitnessProperties properties) {
        this.witness = witness;
        this.maxRequestBytes = properties.maxRequestBytes();
    }

    @PostMapping("/add-checkpoint")
    ResponseEntity<?> addCheckpoint(HttpServletRequest request) throws IOException {
        byte[] body = readLimited(request);
        if (body == null) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "Request too large",
                    "an add-checkpoint body may hold at most " + maxRequestBytes + " bytes");
        }
        return answer(witness.addCheckpoint(body));
    }

    private static ResponseEntity<?> answer(AddCheckpointOutcome outcome) {
        if (outcome instanceof AddCheckpointOutcome.Cosigned cosigned) {
            return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).body(cosigned.signatureLines());
        }
        if (outcome instanceof AddCheckpointOutcome.SizeMismatch mismatch) {
            return ResponseEntity.status(HttpStatus.CONFLICT).contentType(TLOG_SIZE).body(mismatch.storedSize() + "\n");
        }
        if (outcome instanceof AddCheckpointOutcome.Malformed malformed) {
            return problem(HttpStatus.BAD_REQUEST, "Malformed add-checkpoint request", malformed.reason());
        }
        if (outcome instanceof AddCheckpointOutcome.UnknownLog unknown) {
            return problem(HttpStatus.NOT_FOUND, "Unknown log", "this witness does not cosign the log "
                    + unknown.origin());
        }
        if (outcome instanceof AddCheckpointOutcome.NotTrusted notTrusted) {
            return problem(HttpStatus.FORBIDDEN, "Checkpoint not signed by the log", notTrusted.reason());
        }
        AddCheckpointOutcome.Inconsistent inconsistent = (AddCheckpointOutcome.Inconsistent) outcome;
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "Inconsistent checkpoint", inconsistent.reason());
    }

    @GetMapping("/{originHash:[0-9a-f]{64}}/checkpoint")
    ResponseEntity<?> checkpoint(@PathVariable String originHash) {
        return witness.servedCheckpoint(originHash)
                .<ResponseEntity<?>>map(note -> ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).body(note))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "No checkpoint",
                        "this witness has not cosigned a checkpoint of a log with that origin hash"));
    }

    @GetMapping("/verifier-key")
    ResponseEntity<String> verifierKey() {
        return ResponseEntity.ok().contentType(TEXT_PLAIN_UTF8).body(witness.verifierKey() + "\n");
    }

    @GetMapping("/evidence")
    List<Evidence> evidence() {
        return witness.evidence();
    }

    /** The body, or null if it is larger than the limit; a declared length is checked before anything is read. */
    private byte[] readLimited(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxRequestBytes) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxRequestBytes + 1);
            return body.length > maxRequestBytes ? null : body;
        }
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
