package io.incidentledger.testing;

/**
 * The users of the web-slice tests, kept in one place: one per role, each with the password {@code <name>-pw}.
 * Use it as an entry of {@code @TestPropertySource(properties = …)}; Spring reads a text block as several properties.
 */
public final class TestUsers {

    /** responder (RESPONDER), commander (COMMANDER), detector (DETECTOR, a service), regulator, admin. */
    public static final String ONE_PER_ROLE = """
            incident-ledger.security.users[0].name=responder
            incident-ledger.security.users[0].password-hash={noop}responder-pw
            incident-ledger.security.users[0].roles=RESPONDER
            incident-ledger.security.users[1].name=commander
            incident-ledger.security.users[1].password-hash={noop}commander-pw
            incident-ledger.security.users[1].roles=COMMANDER
            incident-ledger.security.users[2].name=detector
            incident-ledger.security.users[2].password-hash={noop}detector-pw
            incident-ledger.security.users[2].roles=DETECTOR
            incident-ledger.security.users[2].type=SERVICE
            incident-ledger.security.users[3].name=regulator
            incident-ledger.security.users[3].password-hash={noop}regulator-pw
            incident-ledger.security.users[3].roles=REGULATOR
            incident-ledger.security.users[4].name=admin
            incident-ledger.security.users[4].password-hash={noop}admin-pw
            incident-ledger.security.users[4].roles=ADMIN
            """;

    private TestUsers() {
    }
}
