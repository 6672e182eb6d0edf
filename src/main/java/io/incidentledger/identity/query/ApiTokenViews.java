package io.incidentledger.identity.query;

import static io.incidentledger.common.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.incidentledger.identity.api.ApiTokenState;
import io.incidentledger.identity.api.ApiTokenView;
import io.incidentledger.identity.api.TokenRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code api_token} view: the tokens as the API lists them (oldest first, without their hashes), the
 * tokens with their hashes for the sign-in check, and the change counter every node polls.
 */
@Component
public class ApiTokenViews {

    private static final String VIEW_COLUMNS = "token_id, name, role, expires_at, created_at, created_by, "
            + "revoked_at, revoked_by, revocation_reason";

    private final JdbcTemplate jdbc;

    public ApiTokenViews(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Every token, oldest first, in its state at {@code now}. */
    public List<ApiTokenView> list(Instant now) {
        return jdbc.query("SELECT " + VIEW_COLUMNS + " FROM api_token ORDER BY created_at, token_id",
                (row, index) -> view(row, now));
    }

    public Optional<ApiTokenView> find(String tokenId, Instant now) {
        return jdbc.query("SELECT " + VIEW_COLUMNS + " FROM api_token WHERE token_id = ?",
                (row, index) -> view(row, now), tokenId).stream().findFirst();
    }

    /** Counts up with every change of the tokens; re-read them when it moved. */
    public long changes() {
        Long version = jdbc.queryForObject("SELECT version FROM api_token_changes WHERE id = 1", Long.class);
        return version == null ? 0 : version;
    }

    /** Every token with the hash of its secret. */
    public List<StoredApiToken> stored() {
        return jdbc.query("SELECT token_id, name, role, expires_at, secret_hash, hash_key_id, revoked_at "
                        + "FROM api_token",
                (row, index) -> new StoredApiToken(row.getString("token_id"), row.getString("name"),
                        TokenRole.valueOf(row.getString("role")), instant(row, "expires_at"),
                        row.getString("secret_hash"), row.getString("hash_key_id"),
                        row.getObject("revoked_at") != null));
    }

    private static ApiTokenView view(ResultSet row, Instant now) throws SQLException {
        Instant expiresAt = instant(row, "expires_at");
        Instant revokedAt = instant(row, "revoked_at");
        ApiTokenState state = revokedAt != null ? ApiTokenState.REVOKED
                : expiresAt != null && !now.isBefore(expiresAt) ? ApiTokenState.EXPIRED : ApiTokenState.ACTIVE;
        return new ApiTokenView(row.getString("token_id"), row.getString("name"),
                TokenRole.valueOf(row.getString("role")), state, expiresAt, instant(row, "created_at"),
                row.getString("created_by"), revokedAt, row.getString("revoked_by"),
                row.getString("revocation_reason"));
    }
}
