# Incident Ledger image: build the Spring Boot jar with the JDK, run it on the JRE as a non-root user.
# Both base images are pinned to an exact Temurin release (checked by DeploymentFilesTest).

FROM eclipse-temurin:17.0.15_6-jdk-noble AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY src src
RUN ./mvnw -B -DskipTests package \
 && cp target/incident-ledger-*.jar /build/app.jar

FROM eclipse-temurin:17.0.15_6-jre-noble
RUN groupadd --system ledger \
 && useradd --system --gid ledger --home-dir /app --shell /usr/sbin/nologin ledger \
 && mkdir -p /app/data \
 && chown -R ledger:ledger /app
WORKDIR /app
COPY --from=build --chown=ledger:ledger /build/app.jar /app/app.jar
USER ledger
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
