package uk.co.omniops.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * backup.sh never puts the database password on a command line, where {@code ps} (and any process listing or audit
 * log on the host) would show it: pg_dump gets the URL without the password and the password through
 * {@code PGPASSWORD}. A stand-in pg_dump records the arguments and the environment it was started with.
 */
class BackupSecretsTests {

    @TempDir
    Path work;

    @Test
    void thePasswordReachesPgDumpThroughTheEnvironmentNeverThroughItsArguments() throws Exception {
        var bin = Files.createDirectories(work.resolve("bin"));
        var pgDump = bin.resolve("pg_dump");
        Files.writeString(pgDump, """
                #!/usr/bin/env bash
                if [[ "$1" == --version ]]; then echo "pg_dump (PostgreSQL) 15.0"; exit 0; fi
                printf '%s\\n' "$@" > "$(dirname "$0")/args"
                printf '%s' "${PGPASSWORD:-}" > "$(dirname "$0")/password"
                for a in "$@"; do [[ "$a" == --file=* ]] && echo dump > "${a#--file=}"; done
                exit 0
                """);
        Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwx------"));

        var pb = new ProcessBuilder(
                "bash",
                DockerfileTests.repoFile("deploy/backup/backup.sh").toString(),
                "--output-dir",
                work.resolve("dumps").toString());
        pb.environment()
                .put("DATABASE_URL", "postgresql://omniops:p%40ss%3Aw0rd@db.internal:5432/omniops?sslmode=require");
        pb.environment().put("PG_BIN", bin.toString());
        pb.environment().remove("PGPASSWORD");
        pb.redirectErrorStream(true);
        var process = pb.start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        var args = Files.readString(bin.resolve("args"));
        assertThat(args)
                .doesNotContain("p%40ss", "p@ss", "w0rd")
                .contains("--dbname=postgresql://omniops@db.internal:5432/omniops?sslmode=require");
        assertThat(Files.readString(bin.resolve("password"))).isEqualTo("p@ss:w0rd");
        assertThat(output).doesNotContain("p%40ss", "p@ss");
    }
}
