package io.incidentledger.identity.web;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.common.Instants;
import io.incidentledger.identity.api.ApiTokenId;
import io.incidentledger.identity.api.ApiTokenView;
import io.incidentledger.identity.api.CreateApiToken;
import io.incidentledger.identity.api.RevokeApiToken;
import io.incidentledger.identity.authentication.ApiTokenIssuer;
import io.incidentledger.identity.authentication.ApiTokenIssuer.IssuedToken;
import io.incidentledger.identity.query.ApiTokenViews;
import io.incidentledger.identity.web.ApiTokenRequests.ApiTokenRequest;
import io.incidentledger.identity.web.ApiTokenRequests.ApiTokenRevocationRequest;
import io.incidentledger.identity.web.ApiTokenRequests.CreatedApiToken;
import io.incidentledger.web.NotFoundException;
import io.incidentledger.web.idempotency.IdempotencyFilter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The API tokens machines sign in with (ADMIN only, docs/api-tokens.md): create one for a role, shown with its
 * secret in the answer to the creation and never again; list and read them without secrets; revoke one.
 *
 * <p>The creation takes no {@code Idempotency-Key}: a stored answer to repeat would hold the secret. A client whose
 * answer was lost revokes the token it cannot see and creates another.
 */
@Tag(name = "API tokens", description = "Tokens for machines (detectors, monitors, scripts), which send them as "
        + "bearer tokens; created and revoked as events in the ledger")
@RestController
@RequestMapping(path = ApiTokenController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class ApiTokenController {

    static final String PATH = "/api/admin/api-tokens";

    private final CommandGateway commands;
    private final ApiTokenViews views;
    private final ApiTokenIssuer issuer;
    private final Clock clock;

    ApiTokenController(CommandGateway commands, ApiTokenViews views, ApiTokenIssuer issuer, Clock clock) {
        this.commands = commands;
        this.views = views;
        this.issuer = issuer;
        this.clock = clock;
    }

    @Operation(summary = "Create an API token for one role",
            description = "The answer holds the token (`token`), shown this once: only a keyed hash of its secret is "
                    + "kept. Takes no Idempotency-Key.")
    @ApiResponse(responseCode = "201", description = "the token is created",
            headers = @Header(name = "Location", description = "the token", schema = @Schema(type = "string")))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CreatedApiToken> create(@Valid @RequestBody ApiTokenRequest request,
                                           @RequestHeader(name = IdempotencyFilter.HEADER, required = false)
                                           String idempotencyKey) {
        if (idempotencyKey != null) {
            throw CommandRefusedException.invalid("idempotency-key-not-taken", "creating an API token takes no "
                    + IdempotencyFilter.HEADER + ": its answer holds the secret, which is never stored to be "
                    + "repeated; if an answer is lost, revoke that token and create another");
        }
        Instant createdAt = Instants.micros(clock.instant());
        IssuedToken issued = issuer.issue();
        commands.sendAndWait(new CreateApiToken(issued.tokenId(), request.name(), request.role(),
                request.expiresAt(), issued.secretHash(), issued.hashKeyId(), createdAt));
        URI location = URI.create(PATH + "/" + issued.tokenId().value());
        return ResponseEntity.created(location)
                .cacheControl(CacheControl.noStore())
                .body(new CreatedApiToken(issued.tokenId().value(), request.name().strip(), request.role(),
                        request.expiresAt(), createdAt, issued.token()));
    }

    @Operation(summary = "List the API tokens, without their secrets")
    @GetMapping
    List<ApiTokenView> list() {
        return views.list(clock.instant());
    }

    @Operation(summary = "Read one API token, without its secret")
    @GetMapping("/{id}")
    ApiTokenView token(@PathVariable String id) {
        return find(id);
    }

    @Operation(summary = "Revoke an API token",
            description = "Every node refuses it within a second. Revoking it again is a 409.")
    @PostMapping("/{id}/revocation")
    ApiTokenView revoke(@PathVariable String id, @Valid @RequestBody(required = false) ApiTokenRevocationRequest request) {
        if (!ApiTokenId.isId(id)) {
            throw notFound(id);
        }
        try {
            commands.sendAndWait(new RevokeApiToken(new ApiTokenId(id), request == null ? null : request.reason(),
                    Instants.micros(clock.instant())));
        } catch (AggregateNotFoundException unknown) {
            throw notFound(id);
        }
        return find(id);
    }

    private ApiTokenView find(String id) {
        if (!ApiTokenId.isId(id)) {
            throw notFound(id);
        }
        return views.find(id, clock.instant()).orElseThrow(() -> notFound(id));
    }

    /** Names the id only when it has an id's form: a whole token pasted into the path is not echoed. */
    private static NotFoundException notFound(String id) {
        return new NotFoundException("api-token-not-found",
                ApiTokenId.isId(id) ? "no API token " + id : "no such API token");
    }
}
