package io.incidentledger.asset.command;

import static io.incidentledger.asset.command.Refusals.conflict;
import static io.incidentledger.asset.command.Refusals.invalid;
import static org.hamcrest.Matchers.containsString;

import io.incidentledger.asset.api.KeyPurpose;
import io.incidentledger.asset.api.RegisterSigningKey;
import io.incidentledger.asset.api.RevokeSigningKey;
import io.incidentledger.asset.api.RotateSigningKey;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.SigningKeyRegistered;
import io.incidentledger.asset.api.SigningKeyRevoked;
import io.incidentledger.asset.api.SigningKeyRotated;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SigningKeyTest {

    // --- scenario --------------------------------------------------------------------------------------------------

    private static final SigningKeyId KEY = SigningKeyId.of("hot-wallet-1");
    private static final SigningKeyId SUCCESSOR = SigningKeyId.of("hot-wallet-2");
    private static final SigningKeyId UNKNOWN = SigningKeyId.of("never-registered");
    private static final String ADDRESS = "0x52908400098527886e0f7030069857d2e4169ee7";
    private static final IncidentId INCIDENT = new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b");
    private static final IncidentId OTHER_INCIDENT = new IncidentId("0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d");
    private static final String STEP = "revoke-hot-wallet-1";
    private static final String REASON = "key found in a public CI log";
    private static final String TICKET = "KMS-4711";

    private static final SigningKeyRegistered REGISTERED =
            new SigningKeyRegistered(KEY, KeyPurpose.HOT_WALLET, "ethereum", ADDRESS, "hot wallet 1 signer");
    private static final SigningKeyRevoked REVOKED = new SigningKeyRevoked(KEY, INCIDENT, STEP, REASON, TICKET);
    private static final SigningKeyRotated ROTATED = new SigningKeyRotated(KEY, SUCCESSOR, "scheduled rotation");

    private FixtureConfiguration<SigningKey> fixture;
    private EmbeddedEventStore otherKeys;

    @BeforeEach
    void setUp() {
        otherKeys = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        fixture = new AggregateTestFixture<>(SigningKey.class);
        fixture.registerInjectableResource(new StoredSigningKeyStates(otherKeys));
    }

    @AfterEach
    void tearDown() {
        otherKeys.shutDown();
    }

    private static void store(EventStore store, SigningKeyId keyId, Object... events) {
        for (int sequence = 0; sequence < events.length; sequence++) {
            store.publish(new GenericDomainEventMessage<>("SigningKey", keyId.toString(), sequence, events[sequence]));
        }
    }

    private static SigningKeyRegistered successorRegistered() {
        return new SigningKeyRegistered(SUCCESSOR, KeyPurpose.HOT_WALLET, "ethereum", null, null);
    }

    // --- registration ----------------------------------------------------------------------------------------------

    @Test
    void registeringAKeyRecordsItWithItsAddressInCanonicalForm() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSigningKey(KEY, KeyPurpose.HOT_WALLET, "Ethereum",
                        "0x52908400098527886E0F7030069857D2E4169EE7", "  hot wallet 1 signer "))
                .expectEvents(REGISTERED);
    }

    @Test
    void aKeyNeedsNoChainAddressOrDescription() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSigningKey(KEY, KeyPurpose.API, " ", "", null))
                .expectEvents(new SigningKeyRegistered(KEY, KeyPurpose.API, null, null, null));
    }

    @Test
    void aKeyWithoutPurposeIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSigningKey(KEY, null, null, null, null))
                .expectNoEvents()
                .expectException(invalid("purpose-required"));
    }

    @Test
    void anAddressWithSpacesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSigningKey(KEY, KeyPurpose.OWNER, "ethereum", "0x5290 8400", null))
                .expectNoEvents()
                .expectException(invalid("invalid-address"));
    }

    @Test
    void aChainWithSlashesIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSigningKey(KEY, KeyPurpose.OWNER, "eth/main", ADDRESS, null))
                .expectNoEvents()
                .expectException(invalid("invalid-chain"));
    }

    @Test
    void aDescriptionLongerThanTheRegisterHoldsIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterSigningKey(KEY, KeyPurpose.OWNER, null, null, "x".repeat(2001)))
                .expectNoEvents()
                .expectException(invalid("description-too-long"));
    }

    // --- revocation ------------------------------------------------------------------------------------------------

    @Test
    void revokingAnActiveKeyRecordsTheIncidentStepAndReason() {
        fixture.given(REGISTERED)
                .when(new RevokeSigningKey(KEY, INCIDENT, STEP, REASON, TICKET))
                .expectEvents(REVOKED);
    }

    @Test
    void aRetriedRevocationStepChangesNothingAndSucceeds() {
        fixture.given(REGISTERED, REVOKED)
                .when(new RevokeSigningKey(KEY, INCIDENT, STEP, REASON, TICKET))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void revokingARevokedKeyInAnotherStepIsRefused() {
        fixture.given(REGISTERED, REVOKED)
                .when(new RevokeSigningKey(KEY, INCIDENT, "revoke-again", REASON, null))
                .expectNoEvents()
                .expectException(conflict("key-already-revoked"));
    }

    @Test
    void theSameStepIdInAnotherIncidentIsAnotherStep() {
        fixture.given(REGISTERED, REVOKED)
                .when(new RevokeSigningKey(KEY, OTHER_INCIDENT, STEP, REASON, null))
                .expectNoEvents()
                .expectException(conflict("key-already-revoked"));
    }

    @Test
    void aRotatedKeyCanStillBeRevoked() {
        fixture.given(REGISTERED, ROTATED)
                .when(new RevokeSigningKey(KEY, INCIDENT, STEP, REASON, null))
                .expectEvents(new SigningKeyRevoked(KEY, INCIDENT, STEP, REASON, null));
    }

    @Test
    void aRevocationWithoutReasonIsRefused() {
        fixture.given(REGISTERED)
                .when(new RevokeSigningKey(KEY, INCIDENT, STEP, null, null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }

    @Test
    void aRevocationWithABlankReasonIsRefused() {
        fixture.given(REGISTERED)
                .when(new RevokeSigningKey(KEY, INCIDENT, STEP, "   ", null))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }

    @Test
    void aRevocationWithoutStepIsRefused() {
        fixture.given(REGISTERED)
                .when(new RevokeSigningKey(KEY, INCIDENT, " ", REASON, null))
                .expectNoEvents()
                .expectException(invalid("step-id-required"));
    }

    @Test
    void aRevocationWithoutIncidentIsRefused() {
        fixture.given(REGISTERED)
                .when(new RevokeSigningKey(KEY, null, STEP, REASON, null))
                .expectNoEvents()
                .expectException(invalid("incident-required"));
    }

    @Test
    void anOverlongExternalReferenceIsRefused() {
        fixture.given(REGISTERED)
                .when(new RevokeSigningKey(KEY, INCIDENT, STEP, REASON, "r".repeat(1001)))
                .expectNoEvents()
                .expectException(invalid("external-reference-too-long"));
    }

    // --- rotation --------------------------------------------------------------------------------------------------

    @Test
    void rotatingToARegisteredActiveSuccessorRetiresTheKey() {
        store(otherKeys, SUCCESSOR, successorRegistered());

        fixture.given(REGISTERED)
                .when(new RotateSigningKey(KEY, SUCCESSOR, " scheduled rotation "))
                .expectEvents(ROTATED);
    }

    @Test
    void rotatingToAnUnregisteredSuccessorIsRefused() {
        fixture.given(REGISTERED)
                .when(new RotateSigningKey(KEY, UNKNOWN, "scheduled rotation"))
                .expectNoEvents()
                .expectException(invalid("successor-not-registered"))
                .expectExceptionMessage(containsString("never-registered"));
    }

    @Test
    void rotatingToARevokedSuccessorIsRefused() {
        store(otherKeys, SUCCESSOR, successorRegistered(),
                new SigningKeyRevoked(SUCCESSOR, INCIDENT, "s-1", "leaked too", null));

        fixture.given(REGISTERED)
                .when(new RotateSigningKey(KEY, SUCCESSOR, "scheduled rotation"))
                .expectNoEvents()
                .expectException(conflict("successor-not-active"))
                .expectExceptionMessage(containsString("REVOKED"));
    }

    @Test
    void rotatingToARotatedSuccessorIsRefused() {
        store(otherKeys, SUCCESSOR, successorRegistered(),
                new SigningKeyRotated(SUCCESSOR, SigningKeyId.of("hot-wallet-3"), "rotated already"));

        fixture.given(REGISTERED)
                .when(new RotateSigningKey(KEY, SUCCESSOR, "scheduled rotation"))
                .expectNoEvents()
                .expectException(conflict("successor-not-active"));
    }

    @Test
    void aKeyCannotSucceedItself() {
        fixture.given(REGISTERED)
                .when(new RotateSigningKey(KEY, KEY, "scheduled rotation"))
                .expectNoEvents()
                .expectException(invalid("successor-is-self"));
    }

    @Test
    void rotatingARevokedKeyIsRefused() {
        store(otherKeys, SUCCESSOR, successorRegistered());

        fixture.given(REGISTERED, REVOKED)
                .when(new RotateSigningKey(KEY, SUCCESSOR, "scheduled rotation"))
                .expectNoEvents()
                .expectException(conflict("key-not-active"));
    }

    @Test
    void rotatingARotatedKeyAgainIsRefused() {
        SigningKeyId third = SigningKeyId.of("hot-wallet-3");
        store(otherKeys, third, new SigningKeyRegistered(third, KeyPurpose.HOT_WALLET, null, null, null));

        fixture.given(REGISTERED, ROTATED)
                .when(new RotateSigningKey(KEY, third, "again"))
                .expectNoEvents()
                .expectException(conflict("key-not-active"));
    }

    @Test
    void aRotationWithoutReasonIsRefused() {
        store(otherKeys, SUCCESSOR, successorRegistered());

        fixture.given(REGISTERED)
                .when(new RotateSigningKey(KEY, SUCCESSOR, ""))
                .expectNoEvents()
                .expectException(invalid("reason-required"));
    }

    @Test
    void aRotationWithoutSuccessorIsRefused() {
        fixture.given(REGISTERED)
                .when(new RotateSigningKey(KEY, null, "scheduled rotation"))
                .expectNoEvents()
                .expectException(invalid("successor-required"));
    }
}
