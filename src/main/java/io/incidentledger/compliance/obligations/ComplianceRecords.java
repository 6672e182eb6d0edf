package io.incidentledger.compliance.obligations;

import static io.incidentledger.common.SqlTimes.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.api.Stage;
import io.incidentledger.compliance.clock.ComplianceFacts;
import io.incidentledger.compliance.clock.Submission;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads one incident's recorded compliance facts back from the projection's tables, for the projection (to recompute
 * the obligations after an event) and for the per-incident view (to judge them at the time of the request).
 */
final class ComplianceRecords {

    private final JdbcTemplate jdbc;

    ComplianceRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An incident's facts and the regimes assessed for it.
     *
     * @param assessedRegimes {@code null} while the incident's regimes have not been assessed
     */
    record IncidentFacts(ComplianceFacts facts, Set<Regime> assessedRegimes) {
    }

    Optional<IncidentFacts> load(String incidentId) {
        Map<String, Integer> affected = new LinkedHashMap<>();
        jdbc.query("SELECT state, people FROM compliance_hipaa_affected WHERE incident_id = ? ORDER BY state",
                row -> {
                    affected.put(row.getString("state"), row.getInt("people"));
                }, incidentId);
        List<Submission> submissions = jdbc.query("""
                        SELECT stage, submitted_at FROM compliance_submission WHERE incident_id = ?
                        ORDER BY sequence_number""",
                (row, n) -> new Submission(Stage.valueOf(row.getString("stage")), instant(row, "submitted_at")),
                incidentId);
        return jdbc.query("SELECT * FROM compliance_register WHERE incident_id = ?",
                (row, n) -> facts(row, affected, submissions), incidentId).stream().findFirst();
    }

    private static IncidentFacts facts(ResultSet row, Map<String, Integer> affected, List<Submission> submissions)
            throws SQLException {
        Instant awareRecorded = instant(row, "aware_recorded_at");
        Instant aware = awareRecorded != null ? awareRecorded : instant(row, "detected_at");
        boolean material = Boolean.TRUE.equals(row.getObject("material", Boolean.class));
        Instant hipaa = instant(row, "hipaa_discovered_at");
        ComplianceFacts facts = new ComplianceFacts(aware, instant(row, "gdpr_classified_at") != null,
                instant(row, "nis2_classified_at") != null, instant(row, "dora_classified_at"),
                material ? instant(row, "materiality_at") : null, hipaa, hipaa == null ? Map.of() : affected,
                instant(row, "nydfs_determined_at"), instant(row, "extortion_paid_at"), submissions);
        return new IncidentFacts(facts, regimes(row.getString("assessed_regimes")));
    }

    static Set<Regime> regimes(String joined) {
        if (joined == null) {
            return null;
        }
        Set<Regime> regimes = EnumSet.noneOf(Regime.class);
        Arrays.stream(joined.split(",")).filter(name -> !name.isEmpty()).map(Regime::valueOf).forEach(regimes::add);
        return regimes;
    }

    static String joined(Collection<Regime> regimes) {
        return regimes.stream().sorted().map(Regime::name).collect(Collectors.joining(","));
    }
}
