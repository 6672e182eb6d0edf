package io.incidentledger.web;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Limits of the HTTP API. */
@Validated
@ConfigurationProperties("incident-ledger.api")
public record ApiProperties(@Positive long maxRequestBytes) {
}
