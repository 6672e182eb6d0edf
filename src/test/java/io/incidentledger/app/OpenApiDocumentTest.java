package io.incidentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.incidentledger.testing.ApiClient;
import io.incidentledger.testing.FlowsApplicationTest;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document against the handlers it describes: every operation named and tagged, its success statuses the
 * handler's own, its request body the type the handler takes, its errors problem documents. Writes the document
 * into this build's directory of observed statuses (pom.xml) for {@link ObservedStatusesIT}, which compares it with
 * what the web tests saw.
 * Shares its context with {@link H2ApplicationTest}.
 */
@FlowsApplicationTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private JsonNode document;

    /** An operation of the API and the handler method behind it. */
    private record Handled(String method, String path, HandlerMethod handler, JsonNode operation) {

        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    @BeforeEach
    void fetchDocument() throws IOException {
        ApiClient.Response response = new ApiClient(port).get("regulator", "/v3/api-docs");
        assertThat(response.status()).isEqualTo(200);
        document = response.json();
        Path file = Path.of(System.getProperty("incident-ledger.test.observed-statuses", "target"))
                .resolve("openapi.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, response.body());
    }

    private List<Handled> operations() {
        List<Handled> handled = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.getHandlerMethods().entrySet()) {
            for (String pattern : mapping.getKey().getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                for (RequestMethod method : mapping.getKey().getMethodsCondition().getMethods()) {
                    String name = method.name().toLowerCase(Locale.ROOT);
                    handled.add(new Handled(name, pattern, mapping.getValue(),
                            document.path("paths").path(pattern).path(name)));
                }
            }
        }
        assertThat(handled).as("the API's operations").hasSizeGreaterThan(60);
        return handled;
    }

    @Test
    void theDocumentSaysWhatTheApiIsAndHowAClientSignsIn() {
        JsonNode info = document.path("info");
        assertThat(info.path("title").asString()).isEqualTo("Incident Ledger API");
        assertThat(info.path("version").asString()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(info.path("description").asString()).contains("problem");
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.path("basic").path("scheme").asString()).isEqualTo("basic");
        assertThat(schemes.path("bearer").path("scheme").asString()).isEqualTo("bearer");
        List<String> required = new ArrayList<>();
        document.path("security").forEach(requirement -> requirement.propertyNames().forEach(required::add));
        assertThat(required).containsExactly("basic", "bearer");
    }

    @Test
    void everyOperationIsDocumentedWithASummaryAndATag() {
        List<String> undocumented = operations().stream()
                .filter(op -> op.operation().isMissingNode() || op.operation().path("summary").asString().isBlank()
                        || op.operation().path("tags").isEmpty())
                .map(Handled::toString)
                .toList();

        assertThat(undocumented).as("operations without a summary or a tag").isEmpty();
    }

    /**
     * A handler with {@code @ResponseStatus} answers that status, one that returns a plain value 200; one that returns
     * a {@code ResponseEntity} chooses at run time, so it must document its statuses itself ({@code @ApiResponse}),
     * and the document must not add a 200 it never answers.
     */
    @Test
    void everyOperationDeclaresTheSuccessStatusesItsHandlerAnswers() {
        Map<String, Set<String>> wrong = new LinkedHashMap<>();
        for (Handled op : operations()) {
            Set<String> declared = new TreeSet<>();
            op.operation().path("responses").propertyNames()
                    .forEach(status -> {
                        if (status.startsWith("2")) {
                            declared.add(status);
                        }
                    });
            Set<String> expected = successStatuses(op.handler().getMethod());
            if (!declared.equals(expected)) {
                wrong.put(op + " declares " + declared, expected);
            }
        }

        assertThat(wrong).as("operations whose 2xx statuses are not their handler's (declared → expected)").isEmpty();
    }

    private static Set<String> successStatuses(Method method) {
        ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(method, ResponseStatus.class);
        if (status != null) {
            return Set.of(String.valueOf(status.code().value()));
        }
        if (ResponseEntity.class.isAssignableFrom(method.getReturnType())) {
            Set<String> documented = new TreeSet<>();
            Arrays.stream(method.getAnnotationsByType(ApiResponse.class))
                    .map(ApiResponse::responseCode)
                    .filter(code -> code.startsWith("2"))
                    .forEach(documented::add);
            assertThat(documented).as(method + " returns a ResponseEntity: document its success statuses")
                    .isNotEmpty();
            return documented;
        }
        return Set.of("200");
    }

    /**
     * Each request body is the schema of the type its handler takes, by name and by its fields: two request types
     * with one simple name would otherwise share one schema, and an operation would show another's body.
     */
    @Test
    void everyRequestBodyIsTheSchemaOfTheTypeItsHandlerTakes() {
        List<String> wrong = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int checked = 0;
        for (Handled op : operations()) {
            for (Parameter parameter : op.handler().getMethod().getParameters()) {
                Class<?> type = parameter.getType();
                if (!parameter.isAnnotationPresent(RequestBody.class) || !type.isRecord()) {
                    continue;
                }
                checked++;
                String expected = schemaName(type);
                String ref = op.operation().path("requestBody").path("content").path("application/json")
                        .path("schema").path("$ref").asString();
                JsonNode schema = document.path("components").path("schemas").path(expected);
                Set<String> fields = new TreeSet<>(schema.path("properties").propertyNames());
                Set<String> components = new TreeSet<>(Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getName).toList());
                if (!ref.equals("#/components/schemas/" + expected) || !fields.equals(components)) {
                    wrong.add(op + ": " + ref + " " + fields + ", but the handler takes " + type.getName() + " "
                            + components);
                }
                names.add(type.getName() + "=" + expected);
            }
        }

        assertThat(checked).as("request bodies checked").isGreaterThan(30);
        assertThat(wrong).as("operations whose request body is not their handler's").isEmpty();
        assertThat(names.stream().map(name -> name.substring(name.indexOf('=') + 1)).distinct().count())
                .as("one schema name per request type: " + names).isEqualTo(names.size());
    }

    /**
     * No two types the API reads or answers share a schema name, which would give one of them the other's schema
     * (springdoc names a schema by the simple class name).
     */
    @Test
    void noTwoTypesOfTheApiShareASchemaName() {
        Map<String, Set<String>> typesByName = new TreeMap<>();
        Set<Type> seen = new HashSet<>();
        for (Handled op : operations()) {
            Method method = op.handler().getMethod();
            collect(method.getGenericReturnType(), typesByName, seen);
            for (Parameter parameter : method.getParameters()) {
                if (parameter.isAnnotationPresent(RequestBody.class)) {
                    collect(parameter.getParameterizedType(), typesByName, seen);
                }
            }
        }
        typesByName.values().removeIf(types -> types.size() == 1);

        assertThat(typesByName).as("schema names shared by different types").isEmpty();
    }

    private static void collect(Type type, Map<String, Set<String>> typesByName, Set<Type> seen) {
        if (!seen.add(type)) {
            return;
        }
        if (type instanceof ParameterizedType parameterized) {
            Arrays.stream(parameterized.getActualTypeArguments()).forEach(argument -> collect(argument, typesByName,
                    seen));
            collect(parameterized.getRawType(), typesByName, seen);
        } else if (type instanceof Class<?> clazz && clazz.getName().startsWith("io.incidentledger.")) {
            typesByName.computeIfAbsent(schemaName(clazz), name -> new TreeSet<>()).add(clazz.getName());
            if (clazz.isRecord()) {
                Arrays.stream(clazz.getRecordComponents())
                        .forEach(component -> collect(component.getGenericType(), typesByName, seen));
            }
        } else if (type instanceof Class<?> clazz && clazz.isArray()) {
            collect(clazz.getComponentType(), typesByName, seen);
        }
    }

    private static String schemaName(Class<?> type) {
        Schema schema = type.getAnnotation(Schema.class);
        return schema != null && !schema.name().isEmpty() ? schema.name() : type.getSimpleName();
    }

    @Test
    void everyOperationAnswersItsErrorsAsProblemDocuments() {
        List<String> wrong = new ArrayList<>();
        for (Handled op : operations()) {
            JsonNode responses = op.operation().path("responses");
            for (String status : List.of("401", "403", "422")) {
                String ref = responses.path(status).path("content").path("application/problem+json")
                        .path("schema").path("$ref").asString();
                if (!ref.equals("#/components/schemas/Problem")) {
                    wrong.add(op + " " + status);
                }
            }
            boolean pathVariable = op.path().contains("{");
            if (pathVariable != responses.has("404") && !op.path().startsWith("/api/ledger/")) {
                wrong.add(op + " 404");
            }
        }

        assertThat(wrong).as("error responses that are not problem documents, or a 404 without a path variable")
                .isEmpty();
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").propertyNames())
                .contains("type", "title", "status", "detail", "code", "errors", "allowedRoles");
    }

    @Test
    void anIncidentIdIsAStringAsTheApiWritesIt() {
        JsonNode schemas = document.path("components").path("schemas");

        assertThat(schemas.has("IncidentId")).isFalse();
        assertThat(schemas.path("IncidentView").path("properties").path("incidentId").path("type").asString())
                .isEqualTo("string");
    }
}
