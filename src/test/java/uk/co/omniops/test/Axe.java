package uk.co.omniops.test;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Runs axe-core (a copy committed under {@code src/test/resources/axe/}, MPL-2.0, see LICENSE beside it) in a page;
 * no project npm dependency.
 */
public final class Axe {

    private static String script;

    private Axe() {}

    /** "rule-id: node count" for every serious or critical violation on the page as it is now. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(Page page) {
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(script()));
        var result = page.evaluate("""
                async () => (await axe.run()).violations
                    .filter(v => ['serious', 'critical'].includes(v.impact))
                    .map(v => v.id + ': ' + v.nodes.length + ' (' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')""");
        return (List<String>) result;
    }

    /** "impact rule-id: node count (first targets)" for every violation of any impact on the page as it is now. */
    @SuppressWarnings("unchecked")
    public static List<String> violations(Page page) {
        page.addScriptTag(new Page.AddScriptTagOptions().setContent(script()));
        var result = page.evaluate("""
                async () => (await axe.run()).violations
                    .map(v => v.impact + ' ' + v.id + ': ' + v.nodes.length + ' (' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ') + ')')""");
        return (List<String>) result;
    }

    private static synchronized String script() {
        if (script == null) {
            try (var in = Objects.requireNonNull(Axe.class.getResourceAsStream("/axe/axe.min.js"), "axe.min.js")) {
                script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return script;
    }
}
