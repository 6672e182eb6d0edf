package io.incidentledger.app;

import io.incidentledger.testing.FlowsApplicationTest;

/** The response-team flows on the embedded default database (H2, in memory for the test). */
@FlowsApplicationTest
class H2ApplicationTest extends IncidentApplicationFlows {
}
