package uk.co.omniops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No module touches another module's tables (issue 22, "coupling you can see"). The module check ({@link
 * ModularityTests}) and the ArchUnit rules ({@link ArchitectureTests}) see Java dependencies, not SQL text: a module
 * that reads or writes another module's table through SQL compiles, passes them, and breaks at run time when the owner
 * renames a column. This gate reads the migrations (every table and view they create) and every module's main
 * sources, and fails when a module's SQL names a table or view it does not own, unless the owner publishes that view
 * for it ({@link #READERS}). Each table and view has exactly one owner, declared once below; a new migration's table
 * fails {@link #everyTableAndViewHasOneDeclaredOwner} until it is declared here.
 *
 * <p>What it cannot see: a relation named at run time ({@code "delete from " + table}; the only one, in insight's
 * {@code InsightAggregator}, names insight's own aggregate tables) and SQL outside {@code src/main/java} (the
 * migrations themselves, the tests' fixtures).
 */
class TableOwnershipTests {

    private static final Path MIGRATIONS = Path.of("db/migration");
    private static final Path SOURCES = Path.of("src/main/java/uk/co/omniops");

    /** Table or view → the module whose code alone may name it in SQL. */
    static final Map<String, String> OWNERS = owners();

    /** A published view → the other modules that may read it (never write: the views are read-only). */
    static final Map<String, Set<String>> READERS = Map.of(
            // tenancy publishes staff names (V21): conversation names assignees and message authors
            "staff_directory", Set.of("conversation"),
            // V29: what insight's aggregates, drill-down, extraction and demo history read
            "conversation_facts", Set.of("insight"),
            "contact_facts", Set.of("insight"),
            "message_facts", Set.of("insight"),
            "sentiment_facts", Set.of("insight"),
            "category_facts", Set.of("insight"),
            "correction_facts", Set.of("insight"),
            "escalation_facts", Set.of("insight"),
            "suggestion_facts", Set.of("insight"));

    private static Map<String, String> owners() {
        var owners = new TreeMap<String, String>();
        // tenancy: customers, their staff and API keys, the audit trail of platform access (TenantTransactions)
        owners.put("customers", "tenancy");
        owners.put("app_users", "tenancy");
        owners.put("api_keys", "tenancy");
        owners.put("audit_log", "tenancy");
        owners.put("staff_directory", "tenancy"); // V21, published for conversation
        // conversation: contacts, conversations, messages (Contacts, Conversations, InboxQueries, ConversationQueries,
        // Messages)
        owners.put("contacts", "conversation");
        owners.put("conversations", "conversation");
        owners.put("messages", "conversation");
        owners.put("conversation_facts", "conversation"); // V29, published for insight
        owners.put("contact_facts", "conversation"); // V29
        owners.put("message_facts", "conversation"); // V29
        // analysis: sentiment, categories, corrections, per-customer models and taxonomies, vectors, the AI ledger
        owners.put("sentiment_analysis", "analysis");
        owners.put("conversation_categories", "analysis");
        owners.put("analysis_corrections", "analysis");
        owners.put("customer_models", "analysis");
        owners.put("customer_categories", "analysis");
        owners.put("message_embeddings", "analysis");
        owners.put("ai_usage", "analysis"); // AiGateway's one ledger (decision 019)
        owners.put("suggestion_ai_usage", "analysis"); // folded into ai_usage and dropped (V24)
        owners.put("sentiment_facts", "analysis"); // V29
        owners.put("category_facts", "analysis"); // V29
        owners.put("correction_facts", "analysis"); // V29
        // escalation: rules, events, their history, signals, notifications (EscalationEvents, Rules, Signals, …)
        owners.put("escalation_rules", "escalation");
        owners.put("escalation_rule_seeds", "escalation");
        owners.put("escalation_events", "escalation");
        owners.put("escalation_history", "escalation");
        owners.put("escalation_signals", "escalation");
        owners.put("escalation_notifications", "escalation");
        owners.put("escalation_facts", "escalation"); // V29
        // suggestion: shown suggestions, learned pairs (SuggestionStore); the reply library, knowledge, proposals
        // (LibraryStore)
        owners.put("response_suggestions", "suggestion");
        owners.put("reply_library", "suggestion");
        owners.put("knowledge_snippets", "suggestion");
        owners.put("reply_pairs", "suggestion");
        owners.put("reply_proposals", "suggestion");
        owners.put("suggestion_source_stats", "suggestion");
        owners.put("suggestion_facts", "suggestion"); // V29
        // prediction: signals, per-conversation predictions and labels (PredictionStore)
        owners.put("prediction_analysis", "prediction");
        owners.put("prediction_conversations", "prediction");
        owners.put("prediction_signals", "prediction");
        // insight: hourly aggregates, their watermark, stored extractions
        owners.put("insight_hourly", "insight");
        owners.put("insight_hourly_categories", "insight");
        owners.put("insight_hourly_causes", "insight");
        owners.put("insight_aggregation_state", "insight");
        owners.put("conversation_insights", "insight");
        // rollout: flags, their steps and audit (RolloutStore)
        owners.put("rollout_flags", "rollout");
        owners.put("rollout_steps", "rollout");
        owners.put("rollout_audit", "rollout");
        // ops: raised operational alerts (AlertEvaluator)
        owners.put("ops_alerts", "ops");
        // platform: the job queue, Spring Modulith's event log (retention), ShedLock's locks (insight's schedule and
        // the
        // retention run take them through the ShedLock library, which names the table; no module's SQL does)
        owners.put("jobs", "platform");
        owners.put("event_publication", "platform");
        owners.put("shedlock", "platform");
        return owners;
    }

    private static final Pattern CREATE = Pattern.compile(
            "(?i)\\bcreate\\s+(?:or\\s+replace\\s+)?(?:table|view)\\s+(?:if\\s+not\\s+exists\\s+)?(\\w+)");

    /** SQL that reads a relation. */
    private static final String READ = "from|join";

    /** SQL that writes or alters one. */
    private static final String WRITE = "insert\\s+into|update|delete\\s+from|truncate(?:\\s+table)?|merge\\s+into"
            + "|alter\\s+table|lock\\s+table|copy";

    @Test
    void everyTableAndViewHasOneDeclaredOwner() throws IOException {
        assertThat(OWNERS.keySet())
                .as("tables and views the migrations create, each with its owner declared in OWNERS")
                .containsExactlyInAnyOrderElementsOf(createdRelations());
        assertThat(new TreeSet<>(OWNERS.values()))
                .as("owners are application modules")
                .isSubsetOf(ArchitectureTests.MODULES);
        READERS.forEach((view, readers) -> assertThat(readers)
                .as("a module reads its own view without being listed: %s", view)
                .doesNotContain(OWNERS.get(view)));
    }

    @Test
    void noModuleNamesAnotherModulesTableInSql() throws IOException {
        assertThat(violations(SOURCES))
                .as("SQL in a module's main code naming a table or view another module owns (declare a view the owner "
                        + "publishes in READERS, or go through the owner's API)")
                .isEmpty();
    }

    /** The gate itself fails on a module's SQL that reads and writes another module's tables. */
    @Test
    void theGateSeesReadsWritesAndViewsAcrossLines(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        var insight = Files.createDirectories(dir.resolve("insight/internal"));
        Files.writeString(insight.resolve("Probe.java"), """
                class Probe {
                    // insert into messages: a comment is no SQL
                    String a = \"""
                            select c.id from conversation_facts c
                              join
                                messages m on m.conversation_id = c.id\""";
                    String b = "insert into   sentiment_analysis (id) values (?)";
                    String c = "select * from insight_hourly";
                    String d = "update staff_directory set display_name = ?";
                }
                """);
        assertThat(violations(dir))
                .containsExactly(
                        "insight/internal/Probe.java:6: reads messages (conversation's)",
                        "insight/internal/Probe.java:7: writes sentiment_analysis (analysis's)",
                        "insight/internal/Probe.java:9: writes staff_directory (tenancy's)");
    }

    /** {@code module/path/File.java:line: reads|writes relation (owner's)} for each use of another module's relation. */
    private static List<String> violations(Path root) throws IOException {
        var names = String.join("|", OWNERS.keySet());
        var use = Pattern.compile("(?i)\\b(" + READ + "|" + WRITE + ")\\s+(" + names + ")\\b");
        var found = new ArrayList<String>();
        try (Stream<Path> files = Files.walk(root)) {
            for (var file :
                    files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                var relative = root.relativize(file).toString().replace('\\', '/');
                var module = relative.substring(0, Math.max(0, relative.indexOf('/')));
                var code = withoutComments(Files.readString(file));
                var m = use.matcher(code);
                while (m.find()) {
                    var relation = m.group(2).toLowerCase();
                    var owner = OWNERS.get(relation);
                    boolean reads = m.group(1).matches("(?i)from|join");
                    if (owner.equals(module)
                            || (reads
                                    && READERS.getOrDefault(relation, Set.of()).contains(module))) {
                        continue;
                    }
                    int line = (int) code.substring(0, m.start(2))
                                    .chars()
                                    .filter(ch -> ch == '\n')
                                    .count()
                            + 1;
                    found.add("%s:%d: %s %s (%s's)"
                            .formatted(relative, line, reads ? "reads" : "writes", relation, owner));
                }
            }
        }
        return found;
    }

    /** The source with its comments blanked out, line breaks kept (so line numbers stay right). */
    private static String withoutComments(String source) {
        var block = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL).matcher(source);
        var out = new StringBuilder();
        while (block.find()) {
            block.appendReplacement(
                    out, java.util.regex.Matcher.quoteReplacement(block.group().replaceAll("[^\\n]", " ")));
        }
        block.appendTail(out);
        return out.toString().replaceAll("(?m)^(\\s*)//.*$", "$1");
    }

    private static Set<String> createdRelations() throws IOException {
        var relations = new TreeSet<String>();
        try (Stream<Path> files = Files.list(MIGRATIONS)) {
            for (var file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                var m = CREATE.matcher(Files.readString(file));
                while (m.find()) {
                    relations.add(m.group(1).toLowerCase());
                }
            }
        }
        return relations;
    }
}
