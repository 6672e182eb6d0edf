package io.incidentledger.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The event hash of docs/ledger-format.md. The expected values were computed independently of this code, with
 * Python's hashlib from the byte layout the document specifies, so the test checks the code against the format.
 */
class EventHashTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final String EVENT_ID = "0b6a5f9e-1c2d-4e3f-8a7b-9c0d1e2f3a4b";
    private static final String INCIDENT = "6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b";
    private static final String TIME_STAMP = "2026-11-23T08:30:00.000Z";
    private static final String PAYLOAD_TYPE = "io.incidentledger.incident.api.IncidentReported";
    private static final byte[] PAYLOAD = ("{\"incidentId\":{\"value\":\"" + INCIDENT + "\"},\"title\":\"Key leak\"}")
            .getBytes(StandardCharsets.UTF_8);
    private static final byte[] META_DATA = "{\"actor\":\"responder\"}".getBytes(StandardCharsets.UTF_8);
    private static final String FIRST_HASH = "56a9860dd82d9d9dd200c5bd9791cee6e846e12ee989cd4777da0cf31242df73";
    private static final String SECOND_HASH = "fff1a7fd2e8cbd2de72b3aa5b6243239525e553d7016282b014e7f606a178f60";

    @Test
    void theFirstEventOfAnAggregateHashesAsSpecifiedWithTheGenesisPredecessor() {
        byte[] hash = EventHash.of(EVENT_ID, INCIDENT, "Incident", 0, TIME_STAMP, PAYLOAD_TYPE, "1", PAYLOAD,
                META_DATA, EventHash.GENESIS);

        assertThat(HEX.formatHex(hash)).isEqualTo(FIRST_HASH);
    }

    @Test
    void absentValuesAndAnEmptyPayloadHashAsSpecifiedAndTheLinkCoversThePredecessor() {
        byte[] hash = EventHash.of("ev-2", "agg", null, 1, "2026-11-23T08:31:00Z", "x.Y", null, new byte[0], null,
                HEX.parseHex(FIRST_HASH));

        assertThat(HEX.formatHex(hash)).isEqualTo(SECOND_HASH);
    }

    @Test
    void anAbsentValueAndAnEmptyOneHashDifferently() {
        byte[] absent = EventHash.of("e", "a", null, 0, "t", "p", null, new byte[0], null, EventHash.GENESIS);
        byte[] empty = EventHash.of("e", "a", "", 0, "t", "p", null, new byte[0], null, EventHash.GENESIS);

        assertThat(absent).isNotEqualTo(empty);
    }

    @Test
    void movingBytesBetweenNeighbouringFieldsChangesTheHash() {
        byte[] original = EventHash.of("e", "ab", "c", 0, "t", "p", null, new byte[0], null, EventHash.GENESIS);
        byte[] shifted = EventHash.of("e", "a", "bc", 0, "t", "p", null, new byte[0], null, EventHash.GENESIS);

        assertThat(original).isNotEqualTo(shifted);
    }

    @Test
    void aPredecessorHashOfTheWrongLengthIsRejected() {
        assertThatThrownBy(() -> EventHash.of("e", "a", "t", 1, "t", "p", null, new byte[0], null, new byte[31]))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
