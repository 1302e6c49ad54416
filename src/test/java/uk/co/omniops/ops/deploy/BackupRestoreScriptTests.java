package uk.co.omniops.ops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real round trip through deploy/backup: backup.sh -> verify-backup.sh -> drop schema ->
 * restore.sh -> verify-data-integrity.sql, against an embedded PostgreSQL.
 *
 * <p>Version constraint: pg_dump refuses to dump a server of a newer major version, and the
 * zonky binaries (17, from the BOM) ship only initdb/pg_ctl/postgres - no client tools. So the
 * test first finds client tools (PG_BIN, else the newest /usr/lib/postgresql/N/bin, else PATH).
 * If they are at least as new as the bundled server, the bundled server is used; otherwise the
 * server binaries of the clients' own major version (Debian package postgresql-N) are run
 * through zonky. On Debian 12 that is PostgreSQL 15 - production's minimum version. The test
 * skips only when no usable client/server pair exists.
 */
class BackupRestoreScriptTests {

    private static final List<String> TABLES = List.of("customers", "contacts", "conversations");
    private static final String EXPECTED = String.join(",", TABLES);

    @TempDir
    static Path work;

    private static Path repo;
    private static Path clientBin;
    private static EmbeddedPostgres postgres;
    private static String serverVersion;

    @BeforeAll
    static void startPostgres() throws Exception {
        repo = findRepoRoot();
        PgClients clients = findClients().orElse(null);
        if (clients == null) {
            abort("""
                    PostgreSQL client tools (pg_dump, pg_restore, psql) not found. Set PG_BIN or \
                    install them, on Debian 12: apt-get install -y postgresql-15 postgresql-client-15""");
        }
        clientBin = clients.binDir();

        if (clients.major() >= 17) {
            postgres = start(EmbeddedPostgres.builder());
            if (serverMajor(postgres) > clients.major()) {
                postgres.close();
                postgres = null;
            }
        }
        if (postgres == null) {
            if (!clients.hasServer()) {
                abort(("pg_dump %d in %s is older than the embedded PostgreSQL server and no "
                                + "initdb/pg_ctl/postgres of version %d sits beside it. Install "
                                + "postgresql-%d (Debian) or point PG_BIN at client tools >= 17.")
                        .formatted(clients.major(), clientBin, clients.major(), clients.major()));
            }
            postgres = start(EmbeddedPostgres.builder().setPgBinaryResolver(symlinkArchive(clientBin)));
        }
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                var rs = c.createStatement().executeQuery("SHOW server_version")) {
            rs.next();
            serverVersion = rs.getString(1);
        }
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void backupVerifyDropRestoreKeepsRowsForeignKeysAndTenantIsolation() throws Exception {
        DataSource db = database("roundtrip");
        createTenantSchema(db);
        Map<String, String> before = rowCounts(integrityReport("roundtrip"));
        assertThat(before)
                .containsEntry("public.customers", "3")
                .containsEntry("public.contacts", "6")
                .containsEntry("public.conversations", "12");

        Result backup = run(
                "deploy/backup/backup.sh",
                env("roundtrip"),
                "--output-dir",
                work.resolve("dumps").toString());
        assertThat(backup.exitCode())
                .as("backup.sh on PostgreSQL %s:%n%s", serverVersion, backup)
                .isZero();
        Path dump = Path.of(backup.lastStdoutLine());
        assertThat(dump.getFileName().toString()).matches("omniops-\\d{8}T\\d{6}Z\\.dump");
        assertThat(dump).isNotEmptyFile();
        assertThat(Path.of(dump + ".sha256")).isNotEmptyFile();

        Result verify =
                run("deploy/backup/verify-backup.sh", env("roundtrip"), dump.toString(), "--expect-tables", EXPECTED);
        assertThat(verify.exitCode()).as("verify-backup.sh:%n%s", verify).isZero();
        assertThat(verify.stderr()).contains("ok: checksum", "ok: table data for contacts", "2 RLS policies");

        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA public CASCADE");
            s.execute("CREATE SCHEMA public");
        }
        assertThat(rowCounts(integrityReport("roundtrip"))).isEmpty();

        Result restore = run(
                "deploy/backup/restore.sh",
                env("roundtrip"),
                dump.toString(),
                "--yes",
                "--jobs",
                "2",
                "--expect-tables",
                EXPECTED);
        assertThat(restore.exitCode()).as("restore.sh:%n%s", restore).isZero();
        assertThat(restore.stderr()).contains("data integrity checks passed");

        List<Row> after = integrityReport("roundtrip");
        assertThat(rowCounts(after)).isEqualTo(before);
        assertThat(after)
                .filteredOn(r -> r.check().equals("rls"))
                .extracting(Row::object, Row::status)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("public.contacts", "ok"),
                        org.assertj.core.groups.Tuple.tuple("public.conversations", "ok"));
        assertThat(after)
                .filteredOn(r -> r.check().equals("fk_orphans"))
                .hasSize(3)
                .allMatch(r -> r.status().equals("ok"));
        assertThat(after).noneMatch(r -> r.status().equals("fail"));

        // Policies are not just present but still isolate tenants for a non-bypassing role.
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET ROLE tenant_reader");
            s.execute("SET app.customer_id = '2'");
            try (var rs = s.executeQuery("SELECT count(*), min(customer_id), max(customer_id) FROM conversations")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(4);
                assertThat(rs.getLong(2)).isEqualTo(2);
                assertThat(rs.getLong(3)).isEqualTo(2);
            }
        }
    }

    @Test
    void integrityReportFlagsOrphansUnforcedRlsAndMissingTables() throws Exception {
        DataSource db = database("broken");
        createTenantSchema(db);
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("ALTER TABLE contacts NO FORCE ROW LEVEL SECURITY");
            s.execute("ALTER TABLE conversations DROP CONSTRAINT conversations_contact_id_fkey");
            s.execute("INSERT INTO conversations (customer_id, contact_id, subject) VALUES (1, 999, 'orphan')");
            s.execute("ALTER TABLE conversations ADD CONSTRAINT conversations_contact_id_fkey "
                    + "FOREIGN KEY (contact_id) REFERENCES contacts (id) NOT VALID");
        }

        List<Row> report = integrityReport("broken", "customers,contacts,conversations,escalation_events");

        assertThat(report)
                .filteredOn(r -> r.status().equals("fail"))
                .extracting(Row::check, Row::object)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("rls", "public.contacts"),
                        org.assertj.core.groups.Tuple.tuple(
                                "fk_orphans", "conversations_contact_id_fkey (conversations -> contacts)"),
                        org.assertj.core.groups.Tuple.tuple("table_exists", "escalation_events"),
                        org.assertj.core.groups.Tuple.tuple("summary", "all"));
    }

    @Test
    void scriptsRefuseToRunWithoutDatabaseUrlOrConfirmation() throws Exception {
        Map<String, String> noUrl = new HashMap<>(env("postgres"));
        noUrl.remove("DATABASE_URL");
        Result backup = run("deploy/backup/backup.sh", noUrl);
        assertThat(backup.exitCode()).isNotZero();
        assertThat(backup.stderr()).contains("DATABASE_URL is not set");

        Map<String, String> jdbc = new HashMap<>(env("postgres"));
        jdbc.put("DATABASE_URL", "jdbc:postgresql://localhost/postgres");
        assertThat(run("deploy/backup/backup.sh", jdbc).stderr()).contains("not a JDBC URL");

        Path fake = Files.writeString(work.resolve("fake.dump"), "not a dump");
        Result restore = run("deploy/backup/restore.sh", env("postgres"), fake.toString());
        assertThat(restore.exitCode()).isNotZero();
        assertThat(restore.stderr()).contains("refusing to restore without --yes");

        Result verify = run("deploy/backup/verify-backup.sh", env("postgres"), fake.toString());
        assertThat(verify.exitCode()).isNotZero();
        assertThat(verify.stderr()).contains("pg_restore --list cannot read");

        for (String script : List.of("backup.sh", "verify-backup.sh", "restore.sh", "scale-down.sh", "scale-up.sh")) {
            Result help = run("deploy/backup/" + script, env("postgres"), "--help");
            assertThat(help.exitCode()).as(script).isZero();
            assertThat(help.stdout()).as(script).startsWith("Usage: " + script);
        }
    }

    // --- schema and report helpers -------------------------------------------------------

    /** Two tenant tables (customer_id, FK, RLS enabled + forced, policy) under a tenant root. */
    private static void createTenantSchema(DataSource db) throws SQLException {
        try (Connection c = db.getConnection();
                Statement s = c.createStatement()) {
            s.execute("""
                    DO $$ BEGIN
                      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tenant_reader') THEN
                        CREATE ROLE tenant_reader NOLOGIN;
                      END IF;
                    END $$""");
            // Explicit grant, so the schema ACL is part of the dump and must survive the restore.
            s.execute("GRANT USAGE ON SCHEMA public TO tenant_reader");
            s.execute("CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL)");
            s.execute("""
                    CREATE TABLE contacts (
                      id bigserial PRIMARY KEY,
                      customer_id bigint NOT NULL REFERENCES customers (id),
                      email text NOT NULL)""");
            s.execute("""
                    CREATE TABLE conversations (
                      id bigserial PRIMARY KEY,
                      customer_id bigint NOT NULL REFERENCES customers (id),
                      contact_id bigint REFERENCES contacts (id),
                      subject text NOT NULL)""");
            for (String t : List.of("contacts", "conversations")) {
                s.execute("ALTER TABLE " + t + " ENABLE ROW LEVEL SECURITY");
                s.execute("ALTER TABLE " + t + " FORCE ROW LEVEL SECURITY");
                s.execute("CREATE POLICY tenant_isolation ON " + t
                        + " USING (customer_id = current_setting('app.customer_id', true)::bigint)");
                s.execute("GRANT SELECT ON " + t + " TO tenant_reader");
            }
            s.execute("INSERT INTO customers SELECT g, 'customer ' || g FROM generate_series(1, 3) g");
            s.execute(
                    "INSERT INTO contacts (customer_id, email) SELECT 1 + g % 3, 'c' || g || '@example.test' FROM generate_series(1, 6) g");
            s.execute("""
                    INSERT INTO conversations (customer_id, contact_id, subject)
                    SELECT ct.customer_id, ct.id, 'subject ' || g
                    FROM generate_series(1, 12) g JOIN contacts ct ON ct.id = 1 + g % 6""");
        }
    }

    private record Row(String check, String object, String status, String detail) {}

    private static List<Row> integrityReport(String database) throws Exception {
        return integrityReport(database, EXPECTED);
    }

    private static List<Row> integrityReport(String database, String expectedTables) throws Exception {
        Result r = exec(
                List.of(
                        clientBin.resolve("psql").toString(),
                        "--no-psqlrc",
                        "--no-password",
                        "-v",
                        "ON_ERROR_STOP=1",
                        "--tuples-only",
                        "--no-align",
                        "--field-separator=|",
                        "-v",
                        "expected_tables=" + expectedTables,
                        "--dbname=" + url(database),
                        "--file=" + repo.resolve("deploy/backup/verify-data-integrity.sql")),
                Map.of());
        assertThat(r.exitCode()).as("verify-data-integrity.sql:%n%s", r).isZero();
        List<Row> rows = new ArrayList<>();
        for (String line : r.stdout().split("\n")) {
            if (!line.isBlank()) {
                String[] f = line.split("\\|", -1);
                assertThat(f).as("report line '%s'", line).hasSize(4);
                rows.add(new Row(f[0], f[1], f[2], f[3]));
            }
        }
        assertThat(rows)
                .as("report ends with a summary row")
                .last()
                .extracting(Row::check)
                .isEqualTo("summary");
        return rows;
    }

    private static Map<String, String> rowCounts(List<Row> report) {
        Map<String, String> counts = new LinkedHashMap<>();
        report.stream().filter(r -> r.check().equals("row_count")).forEach(r -> counts.put(r.object(), r.detail()));
        return counts;
    }

    // --- PostgreSQL plumbing -------------------------------------------------------------

    private static DataSource database(String name) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return postgres.getDatabase("postgres", name);
    }

    private static String url(String database) {
        // a password in the URL, as in production: the scripts hand it to libpq through PGPASSWORD (trust auth here)
        return "postgresql://postgres:s3cr%40t@localhost:" + postgres.getPort() + "/" + database;
    }

    private static Map<String, String> env(String database) {
        return Map.of("DATABASE_URL", url(database), "PG_BIN", clientBin.toString());
    }

    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder) throws IOException {
        // Debian's server binaries default to /var/run/postgresql for the socket; keep it private.
        return builder.setServerConfig("unix_socket_directories", System.getProperty("java.io.tmpdir"))
                .start();
    }

    private static int serverMajor(EmbeddedPostgres pg) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                var rs = c.createStatement().executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1)) / 10000;
        }
    }

    private record PgClients(Path binDir, int major) {
        boolean hasServer() {
            return Stream.of("initdb", "pg_ctl", "postgres").allMatch(t -> Files.isExecutable(binDir.resolve(t)));
        }
    }

    private static Optional<PgClients> findClients() throws Exception {
        List<Path> candidates = new ArrayList<>();
        String pgBin = System.getenv("PG_BIN");
        if (pgBin != null && !pgBin.isBlank()) {
            candidates.add(Path.of(pgBin)); // explicit choice: do not silently use another
        } else {
            Path debian = Path.of("/usr/lib/postgresql");
            if (Files.isDirectory(debian)) {
                try (Stream<Path> dirs = Files.list(debian)) {
                    dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                            .sorted(Comparator.comparingInt((Path d) ->
                                            Integer.parseInt(d.getFileName().toString()))
                                    .reversed())
                            .map(d -> d.resolve("bin"))
                            .forEach(candidates::add);
                }
            }
            for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
                Path pgDump = Path.of(dir, "pg_dump");
                if (Files.isExecutable(pgDump)) {
                    candidates.add(pgDump.toRealPath().getParent()); // Debian: symlink to pg_wrapper
                }
            }
        }
        for (Path dir : candidates) {
            if (Stream.of("pg_dump", "pg_restore", "psql").allMatch(t -> Files.isExecutable(dir.resolve(t)))) {
                Result v = exec(List.of(dir.resolve("pg_dump").toString(), "--version"), Map.of());
                Matcher m = Pattern.compile("\\(PostgreSQL\\) (\\d+)").matcher(v.stdout());
                if (v.exitCode() == 0 && m.find()) {
                    return Optional.of(new PgClients(dir, Integer.parseInt(m.group(1))));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A zonky binaries archive whose bin/ entries are symlinks to installed server binaries.
     * PostgreSQL resolves its own symlink, so it still finds its share/ and lib/ directories.
     */
    private static io.zonky.test.db.postgres.embedded.PgBinaryResolver symlinkArchive(Path bin) throws IOException {
        var bytes = new ByteArrayOutputStream();
        try (var tar = new TarArchiveOutputStream(new XZCompressorOutputStream(bytes))) {
            var dir = new TarArchiveEntry("bin/");
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (String tool : List.of("initdb", "pg_ctl", "postgres")) {
                var link = new TarArchiveEntry("bin/" + tool, TarConstants.LF_SYMLINK);
                link.setLinkName(bin.resolve(tool).toRealPath().toString());
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
        }
        byte[] archive = bytes.toByteArray();
        return (system, architecture) -> new ByteArrayInputStream(archive);
    }

    // --- process helpers -----------------------------------------------------------------

    private record Result(int exitCode, String stdout, String stderr) {
        String lastStdoutLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private static Result run(String script, Map<String, String> env, String... args) throws Exception {
        List<String> command =
                new ArrayList<>(List.of("bash", repo.resolve(script).toString()));
        command.addAll(List.of(args));
        return exec(command, env);
    }

    private static Result exec(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
        pb.environment().remove("DATABASE_URL");
        pb.environment().remove("PG_BIN");
        pb.environment().putAll(env);
        pb.environment().put("PGCONNECT_TIMEOUT", "10");
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(
                p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static Path findRepoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/backup/backup.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException(
                "deploy/backup/backup.sh not found above " + Path.of("").toAbsolutePath());
    }
}
