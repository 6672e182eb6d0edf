package io.incidentledger.asset.web;

import java.net.URI;

import io.incidentledger.asset.api.AssetDetailView;
import io.incidentledger.asset.api.AssetIdentifiers;
import io.incidentledger.asset.api.AssetPageView;
import io.incidentledger.asset.api.AssetState;
import io.incidentledger.asset.api.ContractId;
import io.incidentledger.asset.api.FindAsset;
import io.incidentledger.asset.api.ListAssets;
import io.incidentledger.asset.api.NodeId;
import io.incidentledger.asset.api.RegisterContract;
import io.incidentledger.asset.api.RegisterNode;
import io.incidentledger.asset.api.RegisterSigningKey;
import io.incidentledger.asset.api.RegisterWithdrawalChannel;
import io.incidentledger.asset.api.RotateSigningKey;
import io.incidentledger.asset.api.SigningKeyId;
import io.incidentledger.asset.api.WithdrawalChannelId;
import io.incidentledger.asset.web.AssetRequests.ContractRequest;
import io.incidentledger.asset.web.AssetRequests.NodeRequest;
import io.incidentledger.asset.web.AssetRequests.RegisteredResponse;
import io.incidentledger.asset.web.AssetRequests.RotationRequest;
import io.incidentledger.asset.web.AssetRequests.SigningKeyRequest;
import io.incidentledger.asset.web.AssetRequests.WithdrawalChannelRequest;
import io.incidentledger.common.CommandRefusedException;
import io.incidentledger.incident.api.AssetType;
import io.incidentledger.web.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The asset API: register the signing keys, nodes, contracts and withdrawal channels that containment acts on, read
 * them with their history, and rotate a key. Names are chosen by the client, so a registration is naturally
 * idempotent: the same name twice is a conflict, not a second asset. Revoking, isolating, pausing and freezing happen
 * only as containment steps of an incident, never here.
 */
@Tag(name = "Assets",
        description = "The register of signing keys, nodes, contracts and withdrawal channels that containment acts "
        + "on")
@RestController
@RequestMapping(path = "/api/assets", produces = MediaType.APPLICATION_JSON_VALUE)
class AssetController {

    private static final String SIGNING_KEYS = "signing-keys";
    private static final String NODES = "nodes";
    private static final String CONTRACTS = "contracts";
    private static final String WITHDRAWAL_CHANNELS = "withdrawal-channels";

    private final CommandGateway commands;
    private final QueryGateway queries;

    AssetController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @Operation(summary = "Register a signing key")
    @ApiResponse(responseCode = "201", description = "the signing key is registered",
            headers = @Header(name = "Location", description = "the signing key", schema = @Schema(type = "string")))
    @PostMapping(path = "/" + SIGNING_KEYS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegisteredResponse> registerSigningKey(@Valid @RequestBody SigningKeyRequest request) {
        SigningKeyId keyId = SigningKeyId.of(request.name());
        register(new RegisterSigningKey(keyId, request.purpose(), request.chain(), request.address(),
                request.description()), "signing key " + keyId.name());
        return created(new RegisteredResponse(AssetType.SIGNING_KEY, keyId.name(), null), SIGNING_KEYS, keyId.name());
    }

    @Operation(summary = "Register a node")
    @ApiResponse(responseCode = "201", description = "the node is registered",
            headers = @Header(name = "Location", description = "the node", schema = @Schema(type = "string")))
    @PostMapping(path = "/" + NODES, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegisteredResponse> registerNode(@Valid @RequestBody NodeRequest request) {
        NodeId nodeId = NodeId.of(request.name());
        register(new RegisterNode(nodeId, request.role(), request.chain(), request.description()),
                "node " + nodeId.name());
        return created(new RegisteredResponse(AssetType.NODE, nodeId.name(), null), NODES, nodeId.name());
    }

    @Operation(summary = "Register a contract")
    @ApiResponse(responseCode = "201", description = "the contract is registered",
            headers = @Header(name = "Location", description = "the contract", schema = @Schema(type = "string")))
    @PostMapping(path = "/" + CONTRACTS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegisteredResponse> registerContract(@Valid @RequestBody ContractRequest request) {
        ContractId contractId = ContractId.of(request.chain(), request.address());
        register(new RegisterContract(contractId, request.name()),
                "contract " + contractId.address() + " on " + contractId.chain());
        return created(new RegisteredResponse(AssetType.CONTRACT, contractId.address(), contractId.chain()),
                CONTRACTS, contractId.chain(), contractId.address());
    }

    @Operation(summary = "Register a withdrawal channel")
    @ApiResponse(responseCode = "201", description = "the withdrawal channel is registered",
            headers = @Header(name = "Location", description = "the withdrawal channel",
                    schema = @Schema(type = "string")))
    @PostMapping(path = "/" + WITHDRAWAL_CHANNELS, consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<RegisteredResponse> registerWithdrawalChannel(@Valid @RequestBody WithdrawalChannelRequest request) {
        WithdrawalChannelId channelId = WithdrawalChannelId.of(request.name());
        register(new RegisterWithdrawalChannel(channelId, request.asset(), request.venue(), request.walletRefs(),
                request.description()), "withdrawal channel " + channelId.name());
        return created(new RegisteredResponse(AssetType.WITHDRAWAL_CHANNEL, channelId.name(), null),
                WITHDRAWAL_CHANNELS, channelId.name());
    }

    @Operation(summary = "List assets", description = "Filtered by type and state; page counts from 0.")
    @GetMapping
    AssetPageView list(@RequestParam(required = false) AssetType type,
                       @RequestParam(required = false) AssetState state,
                       @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
                       @RequestParam(defaultValue = "20") @Min(1) @Max(200) int size) {
        return queries.query(new ListAssets(type, state, page, size), AssetPageView.class).join();
    }

    @Operation(summary = "Read a signing key", description = "With its history.")
    @GetMapping("/" + SIGNING_KEYS + "/{name}")
    AssetDetailView signingKey(@PathVariable String name) {
        return detail(AssetType.SIGNING_KEY, name, null, "signing key " + name);
    }

    @Operation(summary = "Read a node", description = "With its history.")
    @GetMapping("/" + NODES + "/{name}")
    AssetDetailView node(@PathVariable String name) {
        return detail(AssetType.NODE, name, null, "node " + name);
    }

    @Operation(summary = "Read a contract", description = "With its history.")
    @GetMapping("/" + CONTRACTS + "/{chain}/{address}")
    AssetDetailView contract(@PathVariable String chain, @PathVariable String address) {
        return detail(AssetType.CONTRACT, address, chain, "contract " + address + " on " + chain);
    }

    @Operation(summary = "Read a withdrawal channel", description = "With its history.")
    @GetMapping("/" + WITHDRAWAL_CHANNELS + "/{name}")
    AssetDetailView withdrawalChannel(@PathVariable String name) {
        return detail(AssetType.WITHDRAWAL_CHANNEL, name, null, "withdrawal channel " + name);
    }

    @Operation(summary = "Rotate a signing key", description = "Records that a revoked key was replaced by a new "
            + "one.")
    @PostMapping(path = "/" + SIGNING_KEYS + "/{name}/rotation", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void rotate(@PathVariable String name, @Valid @RequestBody RotationRequest request) {
        if (!AssetIdentifiers.isName(name)) {
            throw notFound("signing key " + name);
        }
        try {
            commands.sendAndWait(new RotateSigningKey(SigningKeyId.of(name), SigningKeyId.of(request.successor()),
                    request.reason()));
        } catch (AggregateNotFoundException unknown) {
            throw notFound("signing key " + name);
        }
    }

    /** Sends a registration; the store refuses a second first event for the same id, which is the conflict. */
    private void register(Object command, String asset) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateStreamCreationException alreadyRegistered) {
            throw CommandRefusedException.conflict("asset-already-registered", asset + " is already registered");
        }
    }

    private AssetDetailView detail(AssetType type, String name, String chain, String asset) {
        return queries.query(new FindAsset(type, name, chain), ResponseTypes.optionalInstanceOf(AssetDetailView.class))
                .join()
                .orElseThrow(() -> notFound(asset));
    }

    private static ResponseEntity<RegisteredResponse> created(RegisteredResponse body, String collection,
                                                              String... path) {
        URI location = UriComponentsBuilder.fromPath("/api/assets").pathSegment(collection).pathSegment(path)
                .build().encode().toUri();
        return ResponseEntity.created(location).body(body);
    }

    private static NotFoundException notFound(String asset) {
        return new NotFoundException("asset-not-found", "no " + asset);
    }
}
