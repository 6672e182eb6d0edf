package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.yaml.snakeyaml.Yaml;

import javax.sql.DataSource;

/**
 * Checks the deployment files (Dockerfile, docker-compose.yml, Axon Server configuration, the axon-server Spring
 * profile) against the application, since no Docker engine runs on the build machines. Paths are relative to the
 * project root, Maven's working directory for tests.
 */
class DeploymentFilesTest {

    private static final Path COMPOSE = Path.of("docker-compose.yml");
    private static final Path DOCKERFILE = Path.of("Dockerfile");
    private static final Path DOCKERIGNORE = Path.of(".dockerignore");
    private static final Path AXON_SERVER_PROPERTIES = Path.of("axon-server", "axonserver.properties");
    private static final Path APPLICATION = Path.of("src", "main", "resources", "application.yml");
    private static final Path POSTGRES_PROFILE = Path.of("src", "main", "resources", "application-postgres.yml");
    private static final Path AXON_SERVER_PROFILE = Path.of("src", "main", "resources", "application-axon-server.yml");

    /**
     * name:tag where the tag holds an exact version (at least major.minor, e.g. 16.4, v1.21.8, 17.0.15_6-jre-noble)
     * and is not a "latest" variant; a digest after the tag is accepted too.
     */
    private static final Pattern PINNED_IMAGE = Pattern.compile(
            "[a-z0-9./_-]+:(?!latest)v?[0-9]+\\.[0-9]+[A-Za-z0-9._-]*(@sha256:[0-9a-f]{64})?");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)(?::[^}]*)?}");

    // --- docker-compose.yml -------------------------------------------------------------------------------------

    @Test
    void composeFileDefinesPostgresAppAndMailpit() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        assertThat(services).containsKeys("postgres", "app", "mailpit", "axonserver", "keycloak");
        assertThat(services.get("app").get("build")).isEqualTo(".");
    }

    @Test
    void everyComposeImageIsPinnedToAnExactVersion() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        services.forEach((name, service) -> {
            if (service.containsKey("image")) {
                assertThat(service.get("image")).as("image of service %s", name)
                        .asString().matches(PINNED_IMAGE).doesNotContain("latest");
            } else {
                assertThat(service).as("service %s has neither image nor build", name).containsKey("build");
            }
        });
        assertThat(services.values().stream().filter(s -> s.containsKey("image")).count()).isEqualTo(6);
    }

    @Test
    void onlyAxonServerIsInTheAxonServerComposeProfile() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        assertThat(services.get("axonserver").get("profiles")).isEqualTo(List.of("axon-server"));
        assertThat(services.get("axonserver").get("volumes")).asString()
                .contains("./axon-server/axonserver.properties:/axonserver/config/axonserver.properties");
        // the local EVM node to try anchoring on (docs/ledger-anchoring.md) starts only when asked for, too
        assertThat(services.get("evm-node").get("profiles")).isEqualTo(List.of("anchor"));
        // and so does the Kafka broker to try Kafka ingest with (docs/kafka-ingest.md)
        assertThat(services.get("kafka").get("profiles")).isEqualTo(List.of("kafka"));
        services.forEach((name, service) -> {
            if (!name.equals("axonserver") && !name.equals("evm-node") && !name.equals("kafka")) {
                assertThat(service).as("service %s must always start", name).doesNotContainKey("profiles");
            }
        });
    }

    @Test
    void postgresHasHealthcheckAndVolumeAndAppWaitsForIt() throws IOException {
        Map<String, Map<String, Object>> services = composeServices();
        Map<String, Object> postgres = services.get("postgres");
        assertThat(postgres.get("healthcheck")).asString().contains("pg_isready");
        assertThat(postgres.get("volumes")).asString().contains("postgres-data:/var/lib/postgresql/data");
        assertThat(composeYaml().get("volumes")).asString().contains("postgres-data");
        @SuppressWarnings("unchecked")
        Map<String, Object> dependsOn = (Map<String, Object>) services.get("app").get("depends_on");
        assertThat(dependsOn.get("postgres")).isEqualTo(Map.of("condition", "service_healthy"));
        assertThat(services.get("app").get("ports")).asString().contains("8080:8080");
        assertThat(services.get("mailpit").get("ports")).asString().contains("8025:8025");
    }

    @Test
    void appEnvironmentMatchesWhatTheSpringProfilesRead() throws IOException {
        Map<String, String> environment = appEnvironment();

        // The INCIDENT_LEDGER_* variables passed are exactly those application-postgres.yml reads, besides single
        // sign-on's, which KeycloakRealmTest checks.
        Set<String> passed = environment.keySet().stream()
                .filter(name -> !name.startsWith("SPRING_") && !name.startsWith("INCIDENT_LEDGER_SECURITY_OIDC_"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(passed).isEqualTo(placeholders(POSTGRES_PROFILE));
        assertThat(passed).contains("INCIDENT_LEDGER_DB_URL", "INCIDENT_LEDGER_DB_USER", "INCIDENT_LEDGER_DB_PASSWORD");
        assertThat(environment.get("INCIDENT_LEDGER_DB_URL")).startsWith("jdbc:postgresql://postgres:5432/");

        assertThat(environment.get("SPRING_PROFILES_ACTIVE")).isEqualTo("${SPRING_PROFILES_ACTIVE:-postgres,demo}");
        assertThat(environment).containsEntry("SPRING_MAIL_HOST", "mailpit").containsEntry("SPRING_MAIL_PORT", "1025");
    }

    @Test
    void axonServerAddressDefaultsToTheComposeService() throws IOException {
        assertThat(placeholders(AXON_SERVER_PROFILE)).containsExactly("AXON_SERVER_ADDRESS");
        assertThat(Files.readString(AXON_SERVER_PROFILE)).contains("${AXON_SERVER_ADDRESS:axonserver:8124}");
        assertThat(composeServices().get("axonserver").get("ports")).asString().contains("8124:8124");
    }

    // --- Dockerfile -----------------------------------------------------------------------------------------------

    @Test
    void dockerfileBuildsOnPinnedJdkAndRunsOnPinnedJreAsNonRoot() throws IOException {
        List<String> lines = Files.readAllLines(DOCKERFILE);
        List<String> images = lines.stream()
                .map(String::trim)
                .filter(line -> line.toUpperCase().startsWith("FROM "))
                .map(line -> line.split("\\s+")[1])
                .toList();
        assertThat(images).hasSize(2).allSatisfy(image -> assertThat(image).matches(PINNED_IMAGE)
                .startsWith("eclipse-temurin:17.").doesNotContain("latest"));
        assertThat(images.get(0)).contains("-jdk");
        assertThat(images.get(1)).contains("-jre");

        String dockerfile = String.join("\n", lines);
        assertThat(dockerfile).contains("./mvnw -B -DskipTests package", "EXPOSE 8080", "\"-jar\"");
        List<String> users = lines.stream().map(String::trim).filter(line -> line.startsWith("USER ")).toList();
        assertThat(users).hasSize(1);
        assertThat(users.get(0).substring(5).trim()).isNotIn("root", "0");
        assertThat(dockerfile.indexOf("USER ")).isGreaterThan(dockerfile.lastIndexOf("FROM "));
    }

    @Test
    void dockerignoreKeepsBuildOutputDataAndGitOut() throws IOException {
        assertThat(Files.readAllLines(DOCKERIGNORE)).contains("target/", "data/", ".git");
    }

    // --- Axon Server --------------------------------------------------------------------------------------------

    @Test
    void axonServerPropertiesDescribeAStandaloneDevelopmentNode() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(AXON_SERVER_PROPERTIES)) {
            properties.load(reader);
        }
        assertThat(properties)
                .containsEntry("axoniq.axonserver.name", "axonserver")
                .containsEntry("axoniq.axonserver.hostname", "axonserver")
                .containsEntry("axoniq.axonserver.standalone", "true")
                .containsEntry("axoniq.axonserver.devmode.enabled", "true");
    }

    @Test
    void axonServerProfileLoadsThroughSpringAndEnablesAxonServer() throws IOException {
        PropertySource<?> profile = load(AXON_SERVER_PROFILE);
        assertThat(profile.getProperty("axon.axonserver.enabled")).isEqualTo(true);
        assertThat(profile.getProperty("axon.axonserver.servers")).isEqualTo("${AXON_SERVER_ADDRESS:axonserver:8124}");
        assertThat(profile.getProperty("axon.axonserver.component-name")).isEqualTo("incident-ledger");
        // routing only: the events stay in the database with their chain
        assertThat(profile.getProperty("axon.axonserver.event-store.enabled")).isEqualTo(false);
        // and the default configuration keeps Axon Server off
        assertThat(load(APPLICATION).getProperty("axon.axonserver.enabled")).isEqualTo(false);
    }

    @Test
    void theHashChainedEngineIsDefinedWhateverTheProfile() throws NoSuchMethodException {
        Method method = Arrays.stream(AxonStorageConfiguration.class.getDeclaredMethods())
                .filter(m -> m.getName().equals("eventStorageEngine"))
                .findFirst()
                .orElseThrow(() -> new NoSuchMethodException("AxonStorageConfiguration.eventStorageEngine"));
        assertThat(method.getAnnotation(Bean.class)).isNotNull();
        assertThat(method.getReturnType()).isEqualTo(HashChainedEventStorageEngine.class);
        assertThat(method.getAnnotation(ConditionalOnProperty.class)).isNull();
    }

    /**
     * AxonStorageConfiguration itself, with the real application.yml and application-axon-server.yml: with and
     * without the axon-server profile the events go to the hash-chaining JDBC engine on the Flyway tables, and the
     * token and saga stores are JDBC, and Axon's serializer keeps stable type names. Axon's own beans (the event
     * serializer, configuration, command bus, the embedded event store Axon's auto-configuration makes from the
     * engine) are stand-ins.
     */
    @Test
    void withOrWithoutAxonServerTheEventsGoToTheChainedEngineAndTokensAndSagasStayOnJdbc() throws IOException {
        PropertySource<?> defaults = load(APPLICATION);
        PropertySource<?> axonServer = load(AXON_SERVER_PROFILE);
        ApplicationContextRunner runner = storageRunner().withUserConfiguration(EmbeddedStoreOfTheEngine.class);

        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(defaults))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(EventStorageEngine.class);
                    assertThat(context.getBean(EventStorageEngine.class))
                            .isInstanceOf(HashChainedEventStorageEngine.class);
                    assertThat(context).hasSingleBean(TokenStore.class).hasSingleBean(JdbcSagaStore.class);
                    assertThat(context.getBean(Serializer.class)).isInstanceOf(StableTypeNameSerializer.class);
                });

        runner.withInitializer(context -> {
                    context.getEnvironment().getPropertySources().addFirst(defaults);
                    context.getEnvironment().getPropertySources().addFirst(axonServer);
                })
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getEnvironment().getProperty("axon.axonserver.enabled")).isEqualTo("true");
                    assertThat(context.getEnvironment().getProperty("axon.axonserver.event-store.enabled"))
                            .isEqualTo("false");
                    assertThat(context.getBean(EventStorageEngine.class))
                            .isInstanceOf(HashChainedEventStorageEngine.class);
                    assertThat(context).hasSingleBean(TokenStore.class).hasSingleBean(JdbcSagaStore.class);
                });
    }

    @Test
    void anEventBusThatIsNotTheChainedStoreIsRefused() throws IOException {
        PropertySource<?> defaults = load(APPLICATION);
        storageRunner()
                .withBean(EventBus.class, () -> SimpleEventBus.builder().build())
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(defaults))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("Refusing to start: the events would not be stored in this "
                                + "database's hash-chained event table")
                        .hasStackTraceContaining("SimpleEventBus"));
    }

    /** What Axon's auto-configuration does with the application's engine: an embedded event store on it. */
    static class EmbeddedStoreOfTheEngine {

        @Bean
        EmbeddedEventStore eventBus(EventStorageEngine engine) {
            return EmbeddedEventStore.builder().storageEngine(engine).build();
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static ApplicationContextRunner storageRunner() {
        org.axonframework.config.Configuration axonConfiguration =
                Mockito.mock(org.axonframework.config.Configuration.class);
        Mockito.when(axonConfiguration.upcasterChain()).thenReturn(new EventUpcasterChain());
        Mockito.when(axonConfiguration.snapshotFilter()).thenReturn(SnapshotFilter.allowAll());
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:deployment-files-test;DB_CLOSE_DELAY=-1");
        return new ApplicationContextRunner()
                .withBean(DataSource.class, () -> dataSource)
                .withBean(PlatformTransactionManager.class, () -> new DataSourceTransactionManager(dataSource))
                .withBean("eventSerializer", Serializer.class, JacksonSerializer::defaultSerializer)
                .withBean(org.axonframework.config.Configuration.class, () -> axonConfiguration)
                .withBean(CommandBus.class, () -> SimpleCommandBus.builder().build())
                .withUserConfiguration(AxonStorageConfiguration.class);
    }

    private static PropertySource<?> load(Path yaml) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load(yaml.getFileName().toString(), new FileSystemResource(yaml));
        assertThat(sources).as("documents in %s", yaml).hasSize(1);
        return sources.get(0);
    }

    private static Set<String> placeholders(Path file) throws IOException {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(Files.readString(file));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Map<String, Object> composeYaml() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            Map<String, Object> compose = new Yaml().load(reader);
            assertThat(compose).as("docker-compose.yml").isNotNull().containsKey("services");
            return compose;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() throws IOException {
        return (Map<String, Map<String, Object>>) composeYaml().get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> appEnvironment() throws IOException {
        Object environment = composeServices().get("app").get("environment");
        assertThat(environment).as("app environment as a map").isInstanceOf(Map.class);
        Map<String, String> result = new LinkedHashMap<>();
        ((Map<String, Object>) environment).forEach((name, value) -> result.put(name, String.valueOf(value)));
        return result;
    }
}
