package io.incidentledger.asset.command;

import io.incidentledger.common.CommandRefusedException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a {@link CommandRefusedException} by its kind and stable code. */
final class Refusals {

    private Refusals() {
    }

    static Matcher<CommandRefusedException> conflict(String code) {
        return refusal(CommandRefusedException.Kind.CONFLICT, code);
    }

    static Matcher<CommandRefusedException> invalid(String code) {
        return refusal(CommandRefusedException.Kind.INVALID, code);
    }

    private static Matcher<CommandRefusedException> refusal(CommandRefusedException.Kind kind, String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRefusedException refusal) {
                return code.equals(refusal.code()) && kind == refusal.kind();
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a " + kind + " refusal with code ").appendValue(code);
            }

            @Override
            protected void describeMismatchSafely(CommandRefusedException refusal, Description mismatch) {
                mismatch.appendText("was a " + refusal.kind() + " refusal with code ").appendValue(refusal.code())
                        .appendText(": " + refusal.getMessage());
            }
        };
    }
}
