package io.incidentledger.identity.authentication;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.incidentledger.identity.query.ApiTokenViews;
import io.incidentledger.identity.query.StoredApiToken;
import io.incidentledger.security.ApiTokenAuthenticator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;

/**
 * Checks API tokens against this node's copy of the {@code api_token} view, held in memory so that a check costs
 * one HMAC and a map look-up: the token's id finds it, the secret's keyed hash is compared in constant time, and an
 * expired or revoked token, one hashed under another key, or an unknown id is refused (401).
 *
 * <p>The copy is {@link #refresh() refreshed} by {@link ApiTokenRefresher} every few hundred milliseconds when the
 * view's change counter moved. Should that fail for longer than {@code maxStaleness} (the database is out of reach),
 * every token is refused, since a revocation might be missing: better no machine signs in than a revoked one.
 */
public class ApiTokenChecker implements ApiTokenAuthenticator {

    private static final Logger log = LoggerFactory.getLogger(ApiTokenChecker.class);

    private final ApiTokenViews views;
    private final ApiTokenHashKey hashKey;
    private final Clock clock;
    private final long maxStalenessNanos;
    private final Set<String> reportedKeyMismatches = ConcurrentHashMap.newKeySet();
    private volatile Copy copy = new Copy(-1, Map.of(), Long.MIN_VALUE);

    public ApiTokenChecker(ApiTokenViews views, ApiTokenHashKey hashKey, Clock clock, Duration maxStaleness) {
        this.views = views;
        this.hashKey = hashKey;
        this.clock = clock;
        this.maxStalenessNanos = maxStaleness.toNanos();
    }

    @Override
    public boolean recognises(String bearerToken) {
        return ApiTokenFormat.hasPrefix(bearerToken);
    }

    @Override
    public Authentication authenticate(String bearerToken) {
        Copy current = copy;
        if (current.readAt() == Long.MIN_VALUE || System.nanoTime() - current.readAt() > maxStalenessNanos) {
            // a 401 like any refused token: an AuthenticationServiceException would surface as a 500
            throw new BadCredentialsException("the API tokens could not be read lately; refused for now");
        }
        ApiTokenFormat.Parts parts = ApiTokenFormat.parse(bearerToken)
                .orElseThrow(() -> new BadCredentialsException("not a well-formed API token"));
        StoredApiToken token = current.tokens().get(parts.id());
        if (token == null) {
            throw new BadCredentialsException("unknown API token");
        }
        if (!token.hashKeyId().equals(hashKey.id())) {
            if (reportedKeyMismatches.add(token.id())) {
                log.error("API token {} ({}) was hashed under hash key {}, but this node's key is {}: it is refused. "
                                + "The hash key file was lost or replaced; create new tokens, or restore the file "
                                + "(docs/api-tokens.md)", token.id(), token.name(), token.hashKeyId(), hashKey.id());
            }
            throw new BadCredentialsException("API token hashed under another key");
        }
        byte[] expected = HexFormat.of().parseHex(token.secretHash());
        if (!MessageDigest.isEqual(hashKey.hash(parts.secret()), expected)) {
            throw new BadCredentialsException("wrong API token secret");
        }
        if (token.revoked()) {
            throw new BadCredentialsException("API token revoked");
        }
        Instant now = clock.instant();
        if (token.expiresAt() != null && !now.isBefore(token.expiresAt())) {
            throw new BadCredentialsException("API token expired");
        }
        return UsernamePasswordAuthenticationToken.authenticated(new ApiTokenPrincipal(token.id(), token.name()),
                null, AuthorityUtils.createAuthorityList("ROLE_" + token.role().name()));
    }

    /**
     * Re-reads the tokens when the view's change counter moved since the last read; either way the copy counts as
     * current from now on. One refresh at a time: an older read finishing after a newer one would bring a revoked
     * token back until the next.
     *
     * @throws org.springframework.dao.DataAccessException when the database cannot be read
     */
    public synchronized void refresh() {
        long readAt = System.nanoTime();
        long changes = views.changes();
        Copy current = copy;
        if (changes == current.changes()) {
            copy = new Copy(changes, current.tokens(), readAt);
            return;
        }
        List<StoredApiToken> tokens = views.stored();
        copy = new Copy(changes, tokens.stream().collect(Collectors.toUnmodifiableMap(StoredApiToken::id,
                Function.identity())), readAt);
    }

    /**
     * The tokens as last read.
     *
     * @param changes the view's change counter they were read at
     * @param readAt  {@link System#nanoTime()} before the read that last confirmed them
     */
    private record Copy(long changes, Map<String, StoredApiToken> tokens, long readAt) {
    }
}
