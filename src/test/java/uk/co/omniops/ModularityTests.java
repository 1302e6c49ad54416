package uk.co.omniops;

import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module cut holds: no cycles, no reaching into another module's internals. */
class ModularityTests {

    /** The production code's modules: tests may reach across modules to set up scenarios. */
    static final ApplicationModules modules = ApplicationModules.of(
            OmniOpsApplication.class, (ImportOption) location -> !location.contains("/test-classes/"));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    /**
     * The module diagrams (PlantUML, all modules and one per module) and each module's canvas (its API, beans, events
     * published and listened to, properties) into {@code docs/modules/}, committed with the code so a change of a
     * module's surface shows in the review. The folder is generated: it is emptied first.
     */
    @Test
    void writesModuleDocumentation() throws IOException {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder(DOCS)).writeDocumentation();
        try (var files = Files.list(Path.of(DOCS))) {
            for (var file : files.toList()) {
                if (file.toString().endsWith(".puml")) {
                    sortRelations(file);
                } else if (file.toString().endsWith(".adoc")) {
                    sortCanvasLists(file);
                }
            }
        }
    }

    static final String DOCS = "docs/modules";

    /**
     * The diagrams list their relations in hash order, which changes from run to run; sorted, an unchanged module cut
     * writes unchanged files.
     */
    static void sortRelations(Path file) throws IOException {
        var lines = Files.readAllLines(file);
        var out = new ArrayList<String>();
        var block = new ArrayList<String>();
        for (var line : lines) {
            if (line.startsWith("Rel(")) {
                block.add(line);
                continue;
            }
            Collections.sort(block);
            out.addAll(block);
            block.clear();
            out.add(line);
        }
        Collections.sort(block);
        out.addAll(block);
        Files.write(file, out);
    }

    /** The canvases' lists (a table cell {@code |* a} followed by {@code * b} lines) come in hash order too. */
    static void sortCanvasLists(Path file) throws IOException {
        var out = new ArrayList<String>();
        var items = new ArrayList<String>();
        for (var line : Files.readAllLines(file)) {
            if (line.startsWith("|* ") || (!items.isEmpty() && line.startsWith("* "))) {
                if (line.startsWith("|* ")) {
                    flush(items, out);
                }
                items.add(line.startsWith("|") ? line.substring(1) : line);
                continue;
            }
            flush(items, out);
            out.add(line);
        }
        flush(items, out);
        Files.write(file, out);
    }

    private static void flush(List<String> items, List<String> out) {
        if (items.isEmpty()) {
            return;
        }
        Collections.sort(items);
        out.add("|" + items.getFirst());
        out.addAll(items.subList(1, items.size()));
        items.clear();
    }
}
