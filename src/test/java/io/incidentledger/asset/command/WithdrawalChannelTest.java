package io.incidentledger.asset.command;

import static io.incidentledger.asset.command.Refusals.conflict;
import static io.incidentledger.asset.command.Refusals.invalid;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import io.incidentledger.asset.api.FreezeWithdrawals;
import io.incidentledger.asset.api.RegisterWithdrawalChannel;
import io.incidentledger.asset.api.ReopenWithdrawals;
import io.incidentledger.asset.api.WalletRef;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.asset.api.WithdrawalChannelRegistered;
import io.incidentledger.asset.api.WithdrawalsFrozen;
import io.incidentledger.asset.api.WithdrawalsReopened;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WithdrawalChannelTest {

    // --- scenario --------------------------------------------------------------------------------------------------

    private static final WithdrawalChannelId CHANNEL = WithdrawalChannelId.of("eth-hot-withdrawals");
    private static final WalletRef HOT_1 = new WalletRef("ethereum", "0x28c6c06298d514db089934071355e5743bf21d60");
    private static final WalletRef HOT_2 = new WalletRef("ethereum", "0x21a31ee1afc51d94c2efccaa2092ad1028285549");
    private static final IncidentId INCIDENT = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final String FREEZE_STEP = "freeze-eth";
    private static final String REOPEN_STEP = "reopen-eth";
    private static final String REASON = "hot wallet outflow velocity exceeded";

    private static final WithdrawalChannelRegistered REGISTERED = new WithdrawalChannelRegistered(CHANNEL, "ETH",
            null, List.of(HOT_1, HOT_2), null);
    private static final WithdrawalsFrozen FROZEN = new WithdrawalsFrozen(CHANNEL, INCIDENT, FREEZE_STEP, REASON,
            "OPS-99");
    private static final WithdrawalsReopened REOPENED = new WithdrawalsReopened(CHANNEL, INCIDENT, REOPEN_STEP,
            "wallets swept to cold storage", null);

    private FixtureConfiguration<WithdrawalChannel> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WithdrawalChannel.class);
    }

    @Test
    void registeringAChannelOpensItWithEachWalletOnceInCanonicalForm() {
        WalletRef upperCaseHot1 = new WalletRef("Ethereum", "0x28C6C06298D514DB089934071355E5743BF21D60");

        fixture.givenNoPriorActivity()
                .when(new RegisterWithdrawalChannel(CHANNEL, "ETH", null, List.of(HOT_1, HOT_2, upperCaseHot1), null))
                .expectEvents(REGISTERED);
    }

    @Test
    void aChannelForAVenueNeedsNoAssetAndNoWallets() {
        fixture.givenNoPriorActivity()
                .when(new RegisterWithdrawalChannel(CHANNEL, " ", "Binance", null, "all withdrawals at Binance"))
                .expectEvents(new WithdrawalChannelRegistered(CHANNEL, null, "Binance", List.of(),
                        "all withdrawals at Binance"));
    }

    @Test
    void aChannelWithNeitherAssetNorVenueIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterWithdrawalChannel(CHANNEL, null, "", List.of(HOT_1), null))
                .expectNoEvents()
                .expectException(invalid("asset-or-venue-required"));
    }

    @Test
    void aMissingWalletEntryIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterWithdrawalChannel(CHANNEL, "ETH", null, Arrays.asList(HOT_1, null), null))
                .expectNoEvents()
                .expectException(invalid("invalid-wallet"));
    }

    @Test
    void moreThanAHundredWalletsAreRefused() {
        List<WalletRef> wallets = new ArrayList<>(IntStream.range(0, 101)
                .mapToObj(index -> new WalletRef("ethereum", "0x" + Integer.toHexString(0x1000 + index)))
                .toList());

        fixture.givenNoPriorActivity()
                .when(new RegisterWithdrawalChannel(CHANNEL, "ETH", null, wallets, null))
                .expectNoEvents()
                .expectException(invalid("too-many-wallets"));
    }

    @Test
    void freezingAnOpenChannelRecordsTheIncidentStep() {
        fixture.given(REGISTERED)
                .when(new FreezeWithdrawals(CHANNEL, INCIDENT, FREEZE_STEP, REASON, "OPS-99"))
                .expectEvents(FROZEN);
    }

    @Test
    void aRetriedFreezeChangesNothingAndSucceeds() {
        fixture.given(REGISTERED, FROZEN)
                .when(new FreezeWithdrawals(CHANNEL, INCIDENT, FREEZE_STEP, REASON, "OPS-99"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void freezingAFrozenChannelInAnotherStepIsRefused() {
        fixture.given(REGISTERED, FROZEN)
                .when(new FreezeWithdrawals(CHANNEL, INCIDENT, "freeze-again", REASON, null))
                .expectNoEvents()
                .expectException(conflict("withdrawals-already-frozen"));
    }

    @Test
    void aFreezeWithoutReasonIsRefused() {
        fixture.given(REGISTERED)
                .when(new FreezeWithdrawals(CHANNEL, INCIDENT, FREEZE_STEP, "", null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }

    @Test
    void reopeningAFrozenChannelOpensItAgain() {
        fixture.given(REGISTERED, FROZEN)
                .when(new ReopenWithdrawals(CHANNEL, INCIDENT, REOPEN_STEP, "wallets swept to cold storage", null))
                .expectEvents(REOPENED);
    }

    @Test
    void aRetriedReopeningChangesNothingAndSucceeds() {
        fixture.given(REGISTERED, FROZEN, REOPENED)
                .when(new ReopenWithdrawals(CHANNEL, INCIDENT, REOPEN_STEP, "wallets swept to cold storage", null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void reopeningAnOpenChannelIsRefused() {
        fixture.given(REGISTERED)
                .when(new ReopenWithdrawals(CHANNEL, INCIDENT, REOPEN_STEP, "nothing to reopen", null))
                .expectNoEvents()
                .expectException(conflict("withdrawals-not-frozen"));
    }

    @Test
    void aReopeningWithoutReasonIsRefused() {
        fixture.given(REGISTERED, FROZEN)
                .when(new ReopenWithdrawals(CHANNEL, INCIDENT, REOPEN_STEP, null, null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }
}
