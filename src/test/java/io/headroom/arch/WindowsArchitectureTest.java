package io.headroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The windows engine and its sources keep the package arrows pointing inward. */
class WindowsArchitectureTest {

    static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.headroom");

    @Test
    void domainIsPureJava() {
        classes().that().resideInAnyPackage("io.headroom.domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.headroom.domain..", "java..")
                .check(CLASSES);
    }

    @Test
    void nothingOutsideUiAndAppTouchesJavaFx() {
        noClasses().that().resideOutsideOfPackages("io.headroom.ui..", "io.headroom.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(CLASSES);
    }

    @Test
    void theStatusLineHookAvoidsHeavyLibraries() {
        noClasses().that().resideInAnyPackage("io.headroom.ingest.statusline..")
                .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "picocli..", "org.sqlite..",
                        "io.headroom.store..", "io.headroom.service..")
                .check(CLASSES);
    }
}
