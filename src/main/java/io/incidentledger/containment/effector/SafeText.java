package io.incidentledger.containment.effector;

import java.util.regex.Pattern;

/**
 * Makes text from the outside world fit for events and logs: one line, bounded, and URLs cut to scheme, host and
 * port, since a receiver's path or query may carry a token.
 */
final class SafeText {

    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)(?:[^@/\\s?#]*@)?([^/\\s?#]*)\\S*");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}+");

    private SafeText() {
    }

    /** One line of at most {@code maxChars} characters, URLs reduced to their host; {@code ""} for {@code null}. */
    static String of(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String oneLine = CONTROL.matcher(text).replaceAll(" ").strip();
        String withoutPaths = URL.matcher(oneLine).replaceAll("$1$2");
        return withoutPaths.length() <= maxChars ? withoutPaths : withoutPaths.substring(0, maxChars) + "…";
    }
}
