package uk.co.omniops.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Static checks of the production Dockerfile; there is no Docker engine in CI. */
class DockerfileTests {

    private record Instruction(String keyword, String args) {}

    private static List<Instruction> instructions;
    private static String text;

    @BeforeAll
    static void parse() throws IOException {
        text = Files.readString(repoFile("Dockerfile"));
        instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                continue; // comment inside a continued instruction
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String joined = current.toString().strip();
            int space = joined.indexOf(' ');
            instructions.add(new Instruction(
                    joined.substring(0, space).toUpperCase(),
                    joined.substring(space + 1).strip()));
            current.setLength(0);
        }
    }

    @Test
    void buildsInAtLeastTwoStagesWithJdk25ThenJre25() {
        List<String> froms = args("FROM");
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.getFirst()).startsWith("eclipse-temurin:25-jdk");
        assertThat(froms.getLast()).matches("eclipse-temurin:25-jre(\\S*)?( AS \\S+)?");
    }

    @Test
    void buildStageRunsTheProductionMavenBuildWithCachedRepositoryAndNode24() {
        List<String> runs = argsInStage("RUN", 0);
        assertThat(runs).anySatisfy(r -> assertThat(r).contains(".ci/install-node24.sh"));
        assertThat(runs)
                .anySatisfy(r -> assertThat(r)
                        .contains("--mount=type=cache,target=/root/.m2")
                        .contains("./mvnw -B -Pproduction -DskipTests package"));
    }

    @Test
    void extractsTheBootJarBuiltAtTargetOmniopsJarIntoLayers() {
        assertThat(argsInStage("RUN", 0))
                .anySatisfy(r -> assertThat(r)
                        .contains("java -Djarmode=tools -jar target/omniops.jar extract --layers --launcher"));
        List<String> copies = argsInStage("COPY", lastStage());
        assertThat(copies)
                .extracting(c -> c.replaceAll(".*/extracted/([a-z-]+)/.*", "$1"))
                .containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        assertThat(args("ENTRYPOINT").getLast()).contains("org.springframework.boot.loader.launch.JarLauncher");
    }

    @Test
    void runsAsNonRootUser10001() {
        List<String> users = argsInStage("USER", lastStage());
        assertThat(users).isNotEmpty();
        String user = users.getLast().split(":")[0];
        assertThat(user).isNotIn("root", "0").isEqualTo("10001");
        assertThat(String.join("\n", argsInStage("RUN", lastStage()))).contains("--uid 10001");
    }

    @Test
    void exposesTheDefaultPort3000AndRunsTheProdProfile() {
        assertThat(args("EXPOSE")).containsExactly("3000");
        String env = String.join(" ", argsInStage("ENV", lastStage()));
        assertThat(env).contains("PORT=3000").contains("SPRING_PROFILES_ACTIVE=prod");
    }

    @Test
    void healthcheckCallsApiHealthWithAToolInstalledInTheRuntimeImage() {
        List<String> checks = args("HEALTHCHECK");
        assertThat(checks).hasSize(1);
        assertThat(checks.getFirst()).contains("curl").contains("http://localhost:${PORT}/api/health");
        assertThat(String.join("\n", argsInStage("RUN", lastStage())))
                .contains("apt-get install")
                .contains("curl");
    }

    @Test
    void jvmIsContainerAwareAndReceivesSigtermDirectly() {
        String entrypoint = args("ENTRYPOINT").getLast();
        assertThat(entrypoint).as("exec form keeps java as PID 1").startsWith("[");
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError");
        assertThat(String.join(" ", argsInStage("ENV", lastStage()))).contains("SERVER_SHUTDOWN=graceful");
    }

    @Test
    void dockerignoreKeepsBuildOutputGitAndLocalSecretsOutOfTheContext() throws IOException {
        List<String> ignored = Files.readAllLines(repoFile(".dockerignore"));
        assertThat(ignored).contains("target/", ".git", ".env", "node_modules/");
    }

    // --- helpers -----------------------------------------------------------------------

    private static List<String> args(String keyword) {
        return instructions.stream()
                .filter(i -> i.keyword().equals(keyword))
                .map(Instruction::args)
                .toList();
    }

    private static int lastStage() {
        return args("FROM").size() - 1;
    }

    private static List<String> argsInStage(String keyword, int stage) {
        List<String> result = new ArrayList<>();
        int current = -1;
        for (Instruction i : instructions) {
            if (i.keyword().equals("FROM")) {
                current++;
            } else if (current == stage && i.keyword().equals(keyword)) {
                result.add(i.args());
            }
        }
        return result;
    }

    static Path repoFile(String relative) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(relative)) && Files.isDirectory(p.resolve("deploy"))) {
                return p.resolve(relative);
            }
        }
        throw new IllegalStateException(
                relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
