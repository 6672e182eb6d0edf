package io.incidentledger.config;

import jakarta.validation.constraints.PositiveOrZero;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How a node loads an incident for a command (docs/operations.md, "Incident snapshots and cache"). Both are caches:
 * with both at 0 every command replays the incident's whole event stream, as a long alert storm makes slow.
 *
 * @param snapshotThreshold after this many events since the incident was last loaded or snapshotted, a snapshot of
 *                          its state is stored, so that a load replays at most about this many events; 0: none
 * @param cacheSize         how many incidents a node keeps in memory between commands; 0: none
 */
@Validated
@ConfigurationProperties("incident-ledger.incidents")
public record IncidentProperties(@PositiveOrZero int snapshotThreshold, @PositiveOrZero int cacheSize) {
}
