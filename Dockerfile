# syntax=docker/dockerfile:1.7
# OmniOps production image. Build: docker build -t omniops:$(git rev-parse --short HEAD) .
# Needs BuildKit (cache mounts keep ~/.m2 and Vaadin's npm cache between builds).

############################ build stage ############################
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src

# Node 24 for the Vaadin production bundle. Installed from the npm registry by the
# repo's own script so the build does not depend on nodejs.org downloads.
COPY .ci/install-node24.sh .ci/install-node24.sh
RUN bash .ci/install-node24.sh /opt/node24
ENV PATH=/opt/node24/bin:${PATH}

# The cache mounts (not layer order) keep dependencies between builds, so one COPY suffices;
# .dockerignore keeps target/, node_modules/ and local secrets out of the context.
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=cache,target=/root/.npm \
    ./mvnw -B -Pproduction -DskipTests package \
 && test -f target/omniops.jar

# Boot 4 tools jarmode: one directory per layer, exploded (--launcher) so the
# rarely-changing dependencies layer is cached separately from application classes.
RUN java -Djarmode=tools -jar target/omniops.jar extract --layers --launcher --destination /extracted

############################ runtime stage ############################
FROM eclipse-temurin:25-jre AS runtime

# curl is only for the HEALTHCHECK below; installing it explicitly means the check
# does not silently break if the base image drops it.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 omniops \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin omniops

WORKDIR /app
# Least-often-changed layer first. Files stay root-owned: the app cannot rewrite its own code.
COPY --from=build /extracted/dependencies/ ./
COPY --from=build /extracted/spring-boot-loader/ ./
COPY --from=build /extracted/snapshot-dependencies/ ./
COPY --from=build /extracted/application/ ./

# Numeric user so Kubernetes runAsNonRoot can verify it without /etc/passwd.
USER 10001:10001

ENV PORT=3000 SPRING_PROFILES_ACTIVE=prod \
    SERVER_SHUTDOWN=graceful \
    SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE=30s
EXPOSE 3000

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS "http://localhost:${PORT}/api/health" || exit 1

# Exec form: java is PID 1 and receives SIGTERM directly, which triggers Spring's
# graceful shutdown (in-flight requests finish within 30 s; k8s grace period is 45 s).
# MaxRAMPercentage sizes the heap from the container memory limit; ExitOnOutOfMemoryError
# lets the orchestrator restart a broken JVM instead of leaving it half-alive.
# Extra JVM flags: set JAVA_TOOL_OPTIONS.
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "org.springframework.boot.loader.launch.JarLauncher"]
