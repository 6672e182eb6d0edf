package io.incidentledger.web.idempotency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.incidentledger.common.SqlTimes;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The answers given to requests that carried an {@code Idempotency-Key}, per principal and key
 * ({@code idempotent_request}). A key is claimed in the transaction of the request's own changes and its answer
 * stored there too, so the answer is kept exactly when the changes are.
 */
@Component
class IdempotentRequests {

    /** A stored request: its digest and, once answered, its answer. */
    record Stored(String requestDigest, Answer answer) {
    }

    /** The answer to repeat: status, the headers that matter for a 2xx, and the body. */
    record Answer(int status, String contentType, String location, byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;

    IdempotentRequests(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    Optional<Stored> find(String principal, String key) {
        return jdbc.query("""
                        SELECT request_digest, status, content_type, location, body FROM idempotent_request
                        WHERE principal = ? AND idempotency_key = ?""",
                (row, n) -> stored(row), principal, key).stream().findFirst();
    }

    /**
     * Claims the key for this request; a concurrent claim of the same key waits for the other's transaction and
     * then fails ({@link org.springframework.dao.DuplicateKeyException}) if it committed.
     */
    void claim(String principal, String key, String requestDigest, String method, String path) {
        jdbc.update("""
                        INSERT INTO idempotent_request (principal, idempotency_key, request_digest, method, path,
                            created_at)
                        VALUES (?, ?, ?, ?, ?, ?)""",
                principal, key, requestDigest, method, path, SqlTimes.utc(clock.instant()));
    }

    void answer(String principal, String key, Answer answer) {
        jdbc.update("""
                        UPDATE idempotent_request SET status = ?, content_type = ?, location = ?, body = ?
                        WHERE principal = ? AND idempotency_key = ?""",
                answer.status(), answer.contentType(), answer.location(), answer.body(), principal, key);
    }

    /** Forgets the keys claimed before {@code before}. */
    int forgetBefore(Instant before) {
        return jdbc.update("DELETE FROM idempotent_request WHERE created_at < ?", SqlTimes.utc(before));
    }

    private static Stored stored(ResultSet row) throws SQLException {
        int status = row.getInt(2);
        Answer answer = row.wasNull() ? null : new Answer(status, row.getString(3), row.getString(4), row.getBytes(5));
        return new Stored(row.getString(1), answer);
    }
}
