package io.incidentledger.witness;

import java.util.List;
import java.util.UUID;

/** The witness flows on an in-memory H2 database. */
class H2WitnessTest extends WitnessFlows {

    @Override
    List<String> database() {
        return List.of("jdbc:h2:mem:witness-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
