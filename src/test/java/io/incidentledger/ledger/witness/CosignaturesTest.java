package io.incidentledger.ledger.witness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.UUID;

import io.incidentledger.ledger.log.CosignatureVerifier;
import io.incidentledger.ledger.log.CosignerKey;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What a witness's recorded state says after each kind of answer, on the real migrations (H2). */
class CosignaturesTest {

    private static final Instant SUCCESS = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant FAILURE = Instant.parse("2026-12-01T10:01:00Z");
    private static final Instant SIZE_NAMED = Instant.parse("2026-12-01T10:02:00Z");

    private Cosignatures cosignatures;
    private ConfiguredWitness witness;

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:cosignatures-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        cosignatures = new Cosignatures(new JdbcTemplate(dataSource));
        CosignerKey key = CosignerKey.generate("witness.example/first", new SecureRandom());
        witness = new ConfiguredWitness(URI.create("http://127.0.0.1:1/"),
                CosignatureVerifier.fromVerifierKey(key.verifierKey()));
    }

    @Test
    void aSizeNamedInA409IsNeitherASuccessNorClearsTheLastError() {
        cosignatures.recordAttempt(witness, 5, SUCCESS, null);
        cosignatures.recordAttempt(witness, 5, FAILURE, "no answer: connection refused");

        cosignatures.recordSize(witness, 9, SIZE_NAMED);

        Cosignatures.WitnessState state = cosignatures.state(witness).orElseThrow();
        assertThat(state.cosignedSize()).isEqualTo(9);
        assertThat(state.lastAttemptAt()).isEqualTo(SIZE_NAMED);
        assertThat(state.lastSuccessAt()).isEqualTo(SUCCESS);
        assertThat(state.lastError()).isEqualTo("no answer: connection refused");
    }

    @Test
    void aSizeNamedBeforeAnyOtherAnswerRecordsNoSuccessAndNoError() {
        cosignatures.recordSize(witness, 3, SIZE_NAMED);

        Cosignatures.WitnessState state = cosignatures.state(witness).orElseThrow();
        assertThat(state.cosignedSize()).isEqualTo(3);
        assertThat(state.lastSuccessAt()).isNull();
        assertThat(state.lastError()).isNull();
    }

    @Test
    void aSuccessClearsTheLastErrorAndAFailureKeepsTheLastSuccess() {
        cosignatures.recordAttempt(witness, 5, FAILURE, "answered 503");
        cosignatures.recordAttempt(witness, 7, SUCCESS, null);
        assertThat(cosignatures.state(witness).orElseThrow().lastError()).isNull();

        cosignatures.recordAttempt(witness, 7, FAILURE, "answered 503");
        Cosignatures.WitnessState state = cosignatures.state(witness).orElseThrow();
        assertThat(state.lastSuccessAt()).isEqualTo(SUCCESS);
        assertThat(state.lastError()).isEqualTo("answered 503");
    }
}
