package io.incidentledger.incident.command;

import io.incidentledger.common.CommandRefusedException;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Matches a refusal by its stable code and kind, as the API's problem documents expose them. */
final class Refusals {

    private Refusals() {
    }

    static Matcher<CommandRefusedException> refusal(String code, CommandRefusedException.Kind kind) {
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
