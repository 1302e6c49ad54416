package uk.co.omniops.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module check sees Java dependencies, not SQL text: this gate reads the insight module's sources and the
 * migrations. Insight reads other modules' data only through the views they publish and test (V29), never their
 * tables; the only writer of other modules' tables is the demo and benchmark history ({@code SyntheticHistory},
 * decision 019), until it goes through each module's own seeding hook.
 */
class InsightReadsPublishedViewsTests {

    private static final Path SOURCES = Path.of("src/main/java/uk/co/omniops/insight");
    private static final Pattern CREATE_TABLE = Pattern.compile("(?i)create table (?:if not exists )?(\\w+)");

    @Test
    void insightReadsNoOtherModulesTable() throws IOException {
        var foreign = foreignTables();
        assertThat(foreign).contains("messages", "conversations", "escalation_events", "response_suggestions");
        var read = Pattern.compile("(?i)\\b(?:from|join)\\s+(" + String.join("|", foreign) + ")\\b");
        assertThat(matches(read))
                .as("insight SQL reading another module's table")
                .isEmpty();
    }

    @Test
    void onlyTheSyntheticHistoryWritesOtherModulesTables() throws IOException {
        var write = Pattern.compile(
                "(?i)\\b(?:insert\\s+into|update|delete\\s+from)\\s+(" + String.join("|", foreignTables()) + ")\\b");
        var files = new TreeSet<String>();
        matches(write).forEach(m -> files.add(m.substring(0, m.indexOf(':'))));
        assertThat(files).containsExactly("SyntheticHistory.java");
    }

    /** Every table the migrations create that the insight module does not own. */
    private static List<String> foreignTables() throws IOException {
        var tables = new TreeSet<String>();
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            for (var file : files.toList()) {
                var m = CREATE_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        tables.removeIf(t -> t.startsWith("insight_") || t.equals("conversation_insights"));
        return new ArrayList<>(tables);
    }

    /** {@code File.java:line: text} for each code line (not a comment) where the pattern occurs. */
    private static List<String> matches(Pattern pattern) throws IOException {
        var hits = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (var file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                var lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    var line = lines.get(i).strip();
                    if (line.startsWith("*") || line.startsWith("/*") || line.startsWith("//")) {
                        continue;
                    }
                    if (pattern.matcher(line).find()) {
                        hits.add(file.getFileName() + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        return hits;
    }
}
