package uk.co.omniops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import uk.co.omniops.OmniOpsApplication;

class CommandsTests {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsEveryCommandWithoutStartingTheApplication() {
        var code = run("--help");
        assertThat(code).isZero();
        assertThat(out()).contains("Usage: java -jar omniops.jar", "db-migrate");
        Commands.all().forEach(c -> assertThat(out()).contains(c.name()));
    }

    @Test
    void unknownCommandExitsWithTwoAndTheList() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err()).contains("Unknown command 'frobnicate'", "db-migrate");
    }

    @Test
    void commandHelpShowsItsUsage() {
        assertThat(run("db-migrate", "--help")).isZero();
        assertThat(out()).contains("Usage: java -jar omniops.jar db-migrate");
    }

    @Test
    void serverOptionsAreNotCommands() {
        assertThat(Commands.isCommandInvocation(new String[] {"--server.port=9000"}))
                .isFalse();
        assertThat(Commands.isCommandInvocation(new String[] {})).isFalse();
        assertThat(Commands.isCommandInvocation(new String[] {"eval", "--task=sentiment"}))
                .isTrue();
    }

    @Test
    void argumentsAreValidated() {
        var args = CommandArguments.parse(java.util.List.of("--days=7", "--dry-run"));
        assertThat(args.integer("days", 1, 1, 365)).isEqualTo(7);
        assertThat(args.flag("dry-run")).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> args.allow(java.util.Set.of("days")))
                .hasMessageContaining("unknown option --dry-run");
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        CommandArguments.parse(java.util.List.of("--days=x")).integer("days", 1, 1, 9))
                .hasMessageContaining("whole number");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CommandArguments.parse(java.util.List.of("days")))
                .hasMessageContaining("unexpected argument");
    }

    @Test
    void aCommandThatNeedsTheApplicationRunsWithoutTheWebServer() {
        var code = run(
                "db-migrate",
                "--spring.profiles.active=test",
                "--omniops.database.url=" + uk.co.omniops.test.TestInfrastructure.ownerJdbcUrl(),
                "--omniops.database.app-url=postgresql://omniops_app:omniops_app_test@localhost:"
                        + uk.co.omniops.test.TestInfrastructure.postgresPort() + "/postgres",
                "--omniops.redis.url=redis://127.0.0.1:" + uk.co.omniops.test.TestInfrastructure.redisPort());
        assertThat(err()).isEmpty();
        assertThat(code).isZero();
        assertThat(out()).contains("\"pending\":0", "\"schema_version\"");
    }

    @Test
    void badOptionsOfACommandExitWithTwo() {
        assertThat(run("eval", "--task=mood", "--input=nothing.tsv")).isEqualTo(2);
        assertThat(err()).contains("eval:");
    }

    private int run(String... args) {
        return Commands.run(
                args,
                OmniOpsApplication.class,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
