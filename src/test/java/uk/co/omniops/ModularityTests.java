package uk.co.omniops;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module cut holds: no cycles, no reaching into another module's internals. */
class ModularityTests {

    /** The production code's modules: tests may reach across modules to set up scenarios. */
    static final ApplicationModules modules = ApplicationModules.of(OmniOpsApplication.class,
            (ImportOption) location -> !location.contains("/test-classes/"));

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
    void writesModuleDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("docs/modules")).writeDocumentation();
    }
}
