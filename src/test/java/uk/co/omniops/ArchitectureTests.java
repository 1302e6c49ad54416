package uk.co.omniops;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * House rules from STYLE.md that the module check ({@link ModularityTests}) does not cover, checked on the production
 * classes in every build (issue 22, "Gates in verify").
 */
class ArchitectureTests {

    static final JavaClasses classes = new ClassFileImporter()
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("uk.co.omniops");

    @Test
    void dependenciesAreInjectedThroughConstructorsNotFields() {
        fields().should().notBeAnnotatedWith("org.springframework.beans.factory.annotation.Autowired")
                .because("constructor injection makes dependencies visible and final (STYLE.md)")
                .check(classes);
    }

    @Test
    void timeIsJavaTimeNotDate() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.util.Date")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Calendar")
                .because("instants and durations are java.time")
                .check(classes);
    }

    @Test
    void viewsNeverReachRepositoriesOrJdbc() {
        noClasses().that().resideInAPackage("..ui..")
                .should().dependOnClassesThat().areAnnotatedWith("org.springframework.stereotype.Repository")
                .orShould().dependOnClassesThat().resideInAPackage("org.springframework.jdbc..")
                .because("views read and write through their module's API, which owns the transaction and the tenant")
                .check(classes);
    }

    @Test
    void eventListenersLiveInsideTheirModuleNotInItsApiOrViews() {
        methods().that().areAnnotatedWith("org.springframework.context.event.EventListener")
                .or().areAnnotatedWith("org.springframework.transaction.event.TransactionalEventListener")
                .or().areAnnotatedWith("org.springframework.modulith.events.ApplicationModuleListener")
                .should().beDeclaredInClassesThat().resideInAPackage("..internal..")
                .orShould().beDeclaredInClassesThat().resideInAPackage("uk.co.omniops.shell")
                .because("reacting to another module's events is an implementation detail of the module")
                .check(classes);
    }

    @Test
    void customerTextIsNeverRenderedAsHtml() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("com.vaadin.flow.component.Html")
                .because("contacts' text goes through setText, never markup (XSS; STYLE.md)")
                .check(classes);
    }
}
