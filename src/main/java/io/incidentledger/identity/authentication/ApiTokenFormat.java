package io.incidentledger.identity.authentication;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.incidentledger.identity.api.ApiTokenId;

/**
 * How an API token is written: {@code ilt_<id>_<secret>}, the prefix so that it is recognised (here and by secret
 * scanners), the public {@link ApiTokenId id} to find it, and a secret of 32 random bytes in base64url without
 * padding (43 characters, 256 bits).
 */
public final class ApiTokenFormat {

    public static final String PREFIX = "ilt_";
    static final int SECRET_LENGTH = 43;
    private static final Pattern TOKEN = Pattern.compile(Pattern.quote(PREFIX) + "([0-9a-f]{" + ApiTokenId.LENGTH
            + "})_([A-Za-z0-9_-]{" + SECRET_LENGTH + "})");

    private ApiTokenFormat() {
    }

    /** Whether the value is meant as one of our tokens: only its prefix is looked at. */
    public static boolean hasPrefix(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    /** The token's id and secret, or empty when it is not of the form above. */
    static Optional<Parts> parse(String token) {
        Matcher matcher = TOKEN.matcher(token);
        return matcher.matches() ? Optional.of(new Parts(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    static String format(ApiTokenId id, String secret) {
        return PREFIX + id.value() + "_" + secret;
    }

    record Parts(String id, String secret) {
    }
}
