package io.incidentledger.identity.api;

import java.util.regex.Pattern;

/**
 * The public id of an API token: 16 lowercase hexadecimal digits, random, shown in the token itself, in lists and
 * on every event the token's holder causes. Its {@code toString()} is the aggregate identifier in the event store,
 * {@code api-token:<id>}, prefixed because identifiers are unique across all aggregate types.
 */
public record ApiTokenId(String value) {

    public static final String PREFIX = "api-token:";
    public static final int LENGTH = 16;
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{" + LENGTH + "}");

    public ApiTokenId {
        if (!isId(value)) {
            throw new IllegalArgumentException("an API token id is " + LENGTH + " lowercase hexadecimal digits");
        }
    }

    /** Whether the text has the form of a token id (it need not name a token). */
    public static boolean isId(String text) {
        return text != null && FORM.matcher(text).matches();
    }

    @Override
    public String toString() {
        return PREFIX + value;
    }
}
