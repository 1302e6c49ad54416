package uk.co.omniops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * House rules from STYLE.md that the module check ({@link ModularityTests}) does not cover, checked on the production
 * classes in every build (issue 22, "Gates in verify").
 */
class ArchitectureTests {

    /** The application modules (top-level packages). */
    static final List<String> MODULES = List.of(
            "analysis",
            "conversation",
            "escalation",
            "insight",
            "ops",
            "platform",
            "prediction",
            "rollout",
            "shell",
            "suggestion",
            "tenancy",
            "workspace");

    static final JavaClasses production = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("uk.co.omniops");

    @Test
    void dependenciesAreInjectedThroughConstructorsNotFields() {
        fields().should()
                .notBeAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .because("constructor injection makes dependencies visible and final (STYLE.md)")
                .check(production);
    }

    @Test
    void timeIsJavaTimeNotDate() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Date")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Calendar")
                .because("instants and durations are java.time")
                .check(production);
    }

    @Test
    void viewsNeverReachRepositoriesOrJdbc() {
        noClasses()
                .that()
                .resideInAPackage("..ui..")
                .should()
                .dependOnClassesThat()
                .areAnnotatedWith("org.springframework.stereotype.Repository")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("org.springframework.jdbc..")
                .because("views read and write through their module's API, which owns the transaction and the tenant")
                .check(production);
    }

    @Test
    void eventListenersLiveInsideTheirModuleNotInItsApiOrViews() {
        methods()
                .that()
                .areAnnotatedWith("org.springframework.context.event.EventListener")
                .or()
                .areAnnotatedWith("org.springframework.transaction.event.TransactionalEventListener")
                .or()
                .areAnnotatedWith("org.springframework.modulith.events.ApplicationModuleListener")
                .should()
                .beDeclaredInClassesThat()
                .resideInAPackage("..internal..")
                .orShould()
                .beDeclaredInClassesThat()
                .resideInAPackage("uk.co.omniops.shell")
                .because("reacting to another module's events is an implementation detail of the module")
                .check(production);
    }

    @Test
    void customerTextIsNeverRenderedAsHtml() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("com.vaadin.flow.component.Html")
                .because("contacts' text goes through setText, never markup (XSS; STYLE.md)")
                .check(production);
    }

    @Test
    void noModuleReachesIntoAnotherModulesInternalsOrViews() {
        for (var module : MODULES) {
            var root = "uk.co.omniops." + module;
            noClasses()
                    .that()
                    .resideOutsideOfPackage(root + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(root + ".internal..", root + ".ui..")
                    .because(
                            "a module's API is its root package; its internal parts and views are its own (decision 019)")
                    .check(production);
        }
    }

    @Test
    void repositoriesAreUsedOnlyInsideTheirModule() {
        for (var module : MODULES) {
            var root = "uk.co.omniops." + module;
            noClasses()
                    .that()
                    .resideOutsideOfPackage(root + "..")
                    .should()
                    .dependOnClassesThat(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(root + "..")
                                    .and(com.tngtech.archunit.base.DescribedPredicate.describe(
                                            "are repositories",
                                            c -> c.isAnnotatedWith("org.springframework.stereotype.Repository"))))
                    .because("no module reads or writes another module's tables; it asks the owning module's "
                            + "XxxManagement (decision 019)")
                    .check(production);
        }
    }

    @Test
    void moduleApisAreConcreteManagementClasses() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Management")
                .and()
                .resideInAPackage("uk.co.omniops.*")
                .should()
                .notBeInterfaces()
                .andShould()
                .bePublic()
                .andShould()
                .beAnnotatedWith("org.springframework.stereotype.Service")
                .because("one module-API style: a public XxxManagement class that holds the behaviour (decision 019)")
                .check(production);
    }

    @Test
    void moduleListenersAreNamedOn() {
        methods()
                .that()
                .areAnnotatedWith("org.springframework.modulith.events.ApplicationModuleListener")
                .or()
                .areAnnotatedWith("org.springframework.transaction.event.TransactionalEventListener")
                .should()
                .haveNameStartingWith("on")
                .because("listener methods are named on (STYLE.md)")
                .check(production);
    }

    @Test
    void viewsArePackagePrivate() {
        classes()
                .that()
                .areAnnotatedWith("com.vaadin.flow.router.Route")
                .and()
                .resideOutsideOfPackage("uk.co.omniops.shell..")
                .should()
                .notHaveModifier(JavaModifier.PUBLIC)
                .because("views are package-private; a module exports XxxNavigation (STYLE.md)")
                .check(production);
    }

    @Test
    void modulesHaveNoCycles() {
        SlicesRuleDefinition.slices()
                .matching("uk.co.omniops.(*)..")
                .should()
                .beFreeOfCycles()
                .because("modules talk one way, events the other (decision 001)")
                .check(production);
    }

    @Test
    void noStandardStreamsOutsideCommandsAndTraining() {
        noClasses()
                .that()
                .resideOutsideOfPackage("uk.co.omniops.analysis.model..")
                .and()
                .haveSimpleNameNotEndingWith("Command")
                .and()
                .doNotHaveSimpleName("Commands")
                .should()
                .accessField(System.class, "out")
                .orShould()
                .accessField(System.class, "err")
                .orShould()
                .callMethod(Throwable.class, "printStackTrace")
                .because("the application logs; only operations commands and the training tools print")
                .check(production);
    }
}
