package org.branchwork.node.architecture;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The node's shape, as rules the build checks (docs/ARCHITECTURE.md draws the same picture):
 * packages free of cycles; each layer used only by the layers above it; the web and the API call
 * services, never a store or the federation's internals.
 */
class LayersTest {

    private static final String NODE = "org.branchwork.node";
    /**
     * What the storage layer hands up on purpose: its failure (every layer maps a full disk to a
     * 503) and the write probe the health endpoint reports. The rows stores return (their nested
     * records) are the read model services pass up and are allowed too; the stores themselves are not.
     */
    private static final Set<String> STORAGE_SEEN_FROM_ABOVE = Set.of("StorageException", "WriteProbe");

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(NODE, "db.migration");
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching(NODE + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachLayerIsUsedOnlyFromAbove() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Composition")
                .definedBy(JavaClass.Predicates.resideInAPackage(NODE))
                .layer("Api")
                .definedBy(NODE + ".api..")
                .layer("Web")
                .definedBy(NODE + ".web..")
                .layer("Federation")
                .definedBy(NODE + ".federation..")
                .layer("Mail")
                .definedBy(NODE + ".mail..")
                .layer("Service")
                .definedBy(NODE + ".service..")
                .layer("Storage")
                .definedBy(NODE + ".storage..", "db.migration..")
                .layer("Http")
                .definedBy(NODE + ".http..")
                .layer("Config")
                .definedBy(NODE + ".config..")
                .layer("Security")
                .definedBy(NODE + ".security..")
                .layer("Domain")
                .definedBy(NODE + ".domain..")
                .whereLayer("Composition")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("Api")
                .mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Web")
                .mayOnlyBeAccessedByLayers("Api", "Composition")
                .whereLayer("Federation")
                .mayOnlyBeAccessedByLayers("Web", "Api", "Composition")
                .whereLayer("Mail")
                .mayOnlyBeAccessedByLayers("Composition")
                .whereLayer("Service")
                .mayOnlyBeAccessedByLayers("Federation", "Mail", "Web", "Api", "Composition")
                .whereLayer("Storage")
                .mayOnlyBeAccessedByLayers("Service", "Federation", "Web", "Api", "Composition")
                .whereLayer("Http")
                .mayOnlyBeAccessedByLayers("Federation", "Web", "Api", "Composition")
                .whereLayer("Http")
                .mayOnlyAccessLayers("Domain")
                .whereLayer("Config")
                .mayNotAccessAnyLayer()
                .whereLayer("Security")
                .mayNotAccessAnyLayer()
                .whereLayer("Domain")
                .mayNotAccessAnyLayer()
                .whereLayer("Storage")
                .mayOnlyAccessLayers("Domain", "Config")
                .whereLayer("Service")
                .mayOnlyAccessLayers("Storage", "Domain", "Config", "Security")
                .check(classes);
    }

    @Test
    void theRulesSeeTheWholeNode() {
        // A layer pattern that matched nothing would make its rule pass by itself.
        for (String layer : new String[] {
            "api", "web", "federation", "mail", "service", "storage", "http", "config", "security", "domain"
        }) {
            org.assertj.core.api.Assertions.assertThat(
                            classes.stream().anyMatch(c -> c.getPackageName().startsWith(NODE + "." + layer)))
                    .as(layer)
                    .isTrue();
        }
        org.assertj.core.api.Assertions.assertThat(
                        classes.stream().anyMatch(c -> c.getPackageName().equals("db.migration")))
                .as("the Java migrations")
                .isTrue();
    }

    @Test
    void webAndApiNeverReachAStore() {
        noClasses()
                .that()
                .resideInAnyPackage(NODE + ".web..", NODE + ".api..")
                .should()
                .dependOnClassesThat(storeClass())
                .because("pages and endpoints call services; a store is the service's business")
                .check(classes);
    }

    @Test
    void webAndApiUseOnlyTheFederationsPublicFace() {
        noClasses()
                .that()
                .resideInAnyPackage(NODE + ".web..", NODE + ".api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(NODE + ".federation.*..")
                .because("the federation package's top level (FollowService, DeliveryQueueService,"
                        + " InboxDeadLetters, FediverseDirectory) is what the rest of the node may call")
                .check(classes);
    }

    private static DescribedPredicate<JavaClass> storeClass() {
        return DescribedPredicate.describe(
                "a top-level class of the storage layer other than " + STORAGE_SEEN_FROM_ABOVE,
                c -> c.getPackageName().startsWith(NODE + ".storage")
                        && c.isTopLevelClass()
                        && !STORAGE_SEEN_FROM_ABOVE.contains(c.getSimpleName()));
    }
}
