package io.incidentledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.stream.Stream;

import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.compliance.access.api.RecordIncidentRead;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * A command that found no aggregate says which one it did not find, with the code a client already knows for that
 * kind. The identifiers are made by the real id types, so a prefix that changes there shows here.
 */
class ApiExceptionHandlerTest {

    private static final String INCIDENT = "3f2b8c1e-9d4a-4e7b-8a61-0c5d2e9f7a13";

    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void aMissingIncidentIsA404IncidentNotFoundNamingTheIncident() {
        ProblemDetail problem = missing(new IncidentId(INCIDENT).value());

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:incident-ledger:problem:incident-not-found"));
        assertThat(problem.getProperties()).containsEntry("code", "incident-not-found");
        assertThat(problem.getDetail()).isEqualTo("no incident " + INCIDENT);
    }

    static Stream<Arguments> assets() {
        return Stream.of(
                Arguments.of(SigningKeyId.of("hot-wallet-1").toString(), "no signing key hot-wallet-1"),
                Arguments.of(NodeId.of("val-3").toString(), "no node val-3"),
                Arguments.of(ContractId.of("ethereum", "0xABC").toString(), "no contract ethereum:0xabc"),
                Arguments.of(WithdrawalChannelId.of("binance-usdt").toString(), "no withdrawal channel binance-usdt"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("assets")
    void aMissingAssetIsA404AssetNotFoundNamingItsKindAndName(String aggregateIdentifier, String detail) {
        ProblemDetail problem = missing(aggregateIdentifier);

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getType()).isEqualTo(URI.create("urn:incident-ledger:problem:asset-not-found"));
        assertThat(problem.getProperties()).containsEntry("code", "asset-not-found");
        assertThat(problem.getDetail()).isEqualTo(detail);
    }

    @Test
    void aMissingAggregateOfAnotherKindIsA404NotFoundNamingItsKindAndNotAnIncident() {
        ProblemDetail problem = missing(new RecordIncidentRead(new IncidentId(INCIDENT), "incident").accessLogId());

        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getProperties()).containsEntry("code", "not-found");
        assertThat(problem.getDetail()).isEqualTo("no access log " + INCIDENT);
    }

    private ProblemDetail missing(String aggregateIdentifier) {
        ResponseEntity<ProblemDetail> answer =
                handler.aggregateNotFound(new AggregateNotFoundException(aggregateIdentifier, "not in the store"));
        assertThat(answer.getStatusCode().value()).isEqualTo(404);
        return answer.getBody();
    }
}
