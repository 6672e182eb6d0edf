package io.incidentledger.web.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.incidentledger.web.Problems;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The OpenAPI document at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui} (docs/api.md, "OpenAPI
 * document"): who the API is, how a client signs in, and the problem documents every operation may answer
 * ({@link ProblemResponses}).
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    /** The issuer whose JWTs the API accepts (docs/operations.md, "Single sign-on"); unset or empty: no OpenID. */
    static final String ISSUER_PROPERTY = "incident-ledger.security.oidc.issuer-uri";

    static final String BASIC = "basic";
    static final String BEARER = "bearer";
    static final String OPEN_ID_CONNECT = "openIdConnect";

    private static final String DESCRIPTION = """
            Records security incidents of blockchain and crypto companies in a tamper-evident, event-sourced \
            ledger: detections come in from detectors (generic envelope, Forta, OpenZeppelin Monitor, \
            transaction rules), people run each incident through its lifecycle, containment steps act on signing \
            keys, nodes, contracts and withdrawals, and regulators read the compliance register, deadlines, audit \
            trails and the signed log's proofs.

            Every request is authenticated (HTTP Basic, or a bearer API token or JWT from the configured OpenID \
            provider) and every operation needs a role; the role table is in docs/api.md. Errors are RFC 9457 \
            problem documents (`application/problem+json`) with a stable `type` \
            (`urn:incident-ledger:problem:<code>`) and the same `code`. A `POST` that changes state may carry an \
            `Idempotency-Key` to be safe to retry.""";

    @Bean
    OpenAPI incidentLedgerOpenApi(ObjectProvider<BuildProperties> build, Environment environment) {
        Components components = new Components()
                .addSecuritySchemes(BASIC, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                        .description("a user configured in incident-ledger.security.users"))
                .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .bearerFormat("API token or JWT")
                        .description("an API token an ADMIN created, or a JWT from the configured OpenID provider"))
                .addSchemas(ProblemResponses.PROBLEM_SCHEMA, problemSchema());
        OpenAPI openApi = new OpenAPI()
                .info(new Info()
                        .title("Incident Ledger API")
                        .version(version(build))
                        .description(DESCRIPTION))
                .components(components)
                .addSecurityItem(new SecurityRequirement().addList(BASIC))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
        String issuer = environment.getProperty(ISSUER_PROPERTY, "");
        if (!issuer.isBlank()) {
            components.addSecuritySchemes(OPEN_ID_CONNECT, new SecurityScheme()
                    .type(SecurityScheme.Type.OPENIDCONNECT)
                    .openIdConnectUrl(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration")
                    .description("sign in through the OpenID provider; the API takes its JWT as a bearer token"));
            openApi.addSecurityItem(new SecurityRequirement().addList(OPEN_ID_CONNECT));
        }
        return openApi;
    }

    @Bean
    OperationCustomizer problemResponses() {
        return new ProblemResponses();
    }

    /** The build's version (META-INF/build-info.properties, written by Maven); without a build, the jar's. */
    private static String version(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        if (properties != null) {
            return properties.getVersion();
        }
        String implementation = OpenApiConfiguration.class.getPackage().getImplementationVersion();
        return implementation != null ? implementation : "unknown";
    }

    /** RFC 9457's members and the extensions the API uses ({@link Problems}). */
    @SuppressWarnings("rawtypes")
    private static Schema<?> problemSchema() {
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri")
                .example(Problems.TYPE_PREFIX + "incident-not-found"));
        properties.put("title", new StringSchema().example("Not Found"));
        properties.put("status", new IntegerSchema().example(404));
        properties.put("detail", new StringSchema().example("no incident 0b7c…"));
        properties.put("instance", new StringSchema().format("uri"));
        properties.put("code", new StringSchema().description("the same code as in type, for clients that switch on it")
                .example("incident-not-found"));
        properties.put("errors", new ArraySchema().items(new ObjectSchema()
                        .addProperty("field", new StringSchema())
                        .addProperty("message", new StringSchema()))
                .description("422 validation-failed: each invalid field, header or parameter"));
        properties.put("field", new StringSchema().description("422 invalid-value: the field with the invalid value"));
        properties.put("allowed", new ArraySchema().items(new StringSchema())
                .description("422 invalid-value: the values an enumerated field takes"));
        properties.put("allowedRoles", new ArraySchema().items(new StringSchema())
                .description("403 forbidden: the roles that may take the action"));
        properties.put("index", new IntegerSchema()
                .description("a refused transaction batch: the index of the offending transaction"));
        properties.put("line", new IntegerSchema()
                .description("a malformed NDJSON batch: the line that could not be read"));
        Schema<?> problem = new ObjectSchema().description("an RFC 9457 problem document")
                .required(List.of("type", "title", "status", "code"));
        problem.setProperties(properties);
        return problem;
    }
}
