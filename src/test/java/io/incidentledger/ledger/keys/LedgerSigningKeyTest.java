package io.incidentledger.ledger.keys;

import java.security.SecureRandom;
import java.time.Instant;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.ledger.api.LedgerKeyRotated;
import io.incidentledger.ledger.api.LedgerSigningKeyId;
import io.incidentledger.ledger.api.RotateLedgerKey;
import io.incidentledger.ledger.log.LedgerKeys;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerSigningKeyTest {

    // --- scenario --------------------------------------------------------------------------------------------------

    private static final LedgerSigningKeyId LEDGER = LedgerSigningKeyId.LEDGER;
    private static final String NAME = "ledger.example.com/incidents";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FIRST = LedgerKeys.generate(NAME, RANDOM).verifierKey();
    private static final String SECOND = LedgerKeys.generate(NAME, RANDOM).verifierKey();
    private static final String THIRD = LedgerKeys.generate(NAME, RANDOM).verifierKey();
    private static final Instant AT = Instant.parse("2026-12-07T05:00:00Z");
    private static final String REASON = "yearly rotation";

    private static final LedgerKeyRotated FIRST_ROTATED = new LedgerKeyRotated(LEDGER, FIRST, SECOND, 812, REASON, AT);

    private FixtureConfiguration<LedgerSigningKey> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LedgerSigningKey.class);
    }

    @Test
    void theFirstRotationRecordsBothKeysAndTheTreeSize() {
        fixture.givenNoPriorActivity()
                .when(new RotateLedgerKey(LEDGER, FIRST, SECOND, 812, "  " + REASON + " ", AT))
                .expectEvents(FIRST_ROTATED);
    }

    @Test
    void aLaterRotationRetiresTheKeyTheEarlierOneMadeCurrent() {
        fixture.given(FIRST_ROTATED)
                .when(new RotateLedgerKey(LEDGER, SECOND, THIRD, 900, "key custodian left", AT))
                .expectEvents(new LedgerKeyRotated(LEDGER, SECOND, THIRD, 900, "key custodian left", AT));
    }

    @Test
    void aRotationOfAKeyNoLongerCurrentLostARaceAndIsRefused() {
        fixture.given(FIRST_ROTATED)
                .when(new RotateLedgerKey(LEDGER, FIRST, THIRD, 900, REASON, AT))
                .expectNoEvents()
                .expectException(refusal(CommandRefusedException.Kind.CONFLICT, "ledger-key-changed"));
    }

    @Test
    void aRetiredKeyNeverBecomesCurrentAgain() {
        fixture.given(FIRST_ROTATED)
                .when(new RotateLedgerKey(LEDGER, SECOND, FIRST, 900, REASON, AT))
                .expectNoEvents()
                .expectException(refusal(CommandRefusedException.Kind.INVALID, "ledger-key-reused"));
    }

    @Test
    void aRotationAtOrBeforeThePreviousOnesTreeSizeIsRefused() {
        fixture.given(FIRST_ROTATED)
                .when(new RotateLedgerKey(LEDGER, SECOND, THIRD, 812, REASON, AT))
                .expectNoEvents()
                .expectException(refusal(CommandRefusedException.Kind.INVALID, "invalid-tree-size"));
    }

    @Test
    void aRotationWithoutAReasonIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RotateLedgerKey(LEDGER, FIRST, SECOND, 812, " ", AT))
                .expectNoEvents()
                .expectException(refusal(CommandRefusedException.Kind.INVALID, "invalid-reason"));
    }

    @Test
    void aRotationToAKeyOfAnotherNameIsRefused() {
        String otherName = LedgerKeys.generate("other.example/log", RANDOM).verifierKey();
        fixture.givenNoPriorActivity()
                .when(new RotateLedgerKey(LEDGER, FIRST, otherName, 812, REASON, AT))
                .expectNoEvents()
                .expectException(refusal(CommandRefusedException.Kind.INVALID, "key-name-changed"));
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
        };
    }
}
