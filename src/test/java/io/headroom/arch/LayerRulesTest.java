package io.headroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The arrows point inward: the folder tree tells a newcomer what may use what. */
class LayerRulesTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.headroom");

    @Test
    void theDomainIsPureJava() {
        noClasses().that().resideInAPackage("io.headroom.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headroom.config..", "io.headroom.store..",
                        "io.headroom.ingest..", "io.headroom.proxy..", "io.headroom.report..", "io.headroom.service..",
                        "io.headroom.telemetry..", "io.headroom.export..", "io.headroom.sources..",
                        "io.headroom.cli..", "io.headroom.ui..", "io.headroom.app..", "javafx..", "java.sql..",
                        "java.nio.file..", "com.fasterxml..", "org.sqlite..", "picocli..")
                .check(MAIN);
    }

    @Test
    void nothingBelowTheUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackages("io.headroom.ui..", "io.headroom.app..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(MAIN);
    }

    @Test
    void theCommandLineAndTheWindowDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("io.headroom.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.headroom.ui..").check(MAIN);
        noClasses().that().resideInAPackage("io.headroom.ui..")
                .should().dependOnClassesThat().resideInAPackage("io.headroom.cli..").check(MAIN);
    }

    /** The window and the command line render what the services compute; neither reads the store itself. */
    @Test
    void theCommandLineAndTheWindowGoThroughTheServices() {
        noClasses().that().resideInAnyPackage("io.headroom.cli..", "io.headroom.ui..")
                .should().dependOnClassesThat().resideInAPackage("io.headroom.store..").check(MAIN);
    }

    @Test
    void lowerLayersDoNotReachUp() {
        noClasses().that().resideInAnyPackage("io.headroom.store..", "io.headroom.config..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headroom.ingest..", "io.headroom.proxy..",
                        "io.headroom.sources..", "io.headroom.service..", "io.headroom.telemetry..", "io.headroom.export..",
                        "io.headroom.report..", "io.headroom.cli..",
                        "io.headroom.ui..", "io.headroom.app..")
                .check(MAIN);
        noClasses().that().resideInAnyPackage("io.headroom.ingest..", "io.headroom.proxy..", "io.headroom.report..",
                        "io.headroom.sources..", "io.headroom.telemetry..", "io.headroom.export..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headroom.service..", "io.headroom.cli..",
                        "io.headroom.ui..", "io.headroom.app..")
                .check(MAIN);
        noClasses().that().resideInAPackage("io.headroom.service..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headroom.cli..", "io.headroom.ui..",
                        "io.headroom.app..")
                .check(MAIN);
    }

    @Test
    void theTabsDoNotKnowEachOther() {
        // Each tab talks to the others only through the dashboard's shared context (data version, refreshNow).
        java.util.List<String> tabs = java.util.List.of("history", "sessions", "api", "advisor", "settings");
        for (String tab : tabs) {
            String[] others = tabs.stream().filter(t -> !t.equals(tab)).map(t -> "io.headroom.ui." + t + "..")
                    .toArray(String[]::new);
            noClasses().that().resideInAPackage("io.headroom.ui." + tab + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others).check(MAIN);
        }
    }

    @Test
    void theTabsShareOnlyTheViewInfrastructure() {
        // What all tabs use (context, loading, theme, badges, the tab contract) is in ui.view, not in the dashboard.
        noClasses().that().resideInAnyPackage("io.headroom.ui.history..", "io.headroom.ui.sessions..",
                        "io.headroom.ui.api..", "io.headroom.ui.advisor..", "io.headroom.ui.settings..")
                .should().dependOnClassesThat().resideInAPackage("io.headroom.ui.dashboard..").check(MAIN);
        noClasses().that().resideInAPackage("io.headroom.ui.view..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headroom.ui.dashboard..",
                        "io.headroom.ui.history..", "io.headroom.ui.sessions..", "io.headroom.ui.api..",
                        "io.headroom.ui.advisor..", "io.headroom.ui.settings..", "io.headroom.ui.tray..",
                        "io.headroom.ui.notify..")
                .check(MAIN);
    }

    @Test
    void backgroundWorkStandsOnItsOwn() {
        // every layer makes its threads there, so it may use none of them
        noClasses().that().resideInAPackage("io.headroom.work..")
                .should().dependOnClassesThat().resideInAnyPackage("io.headroom.domain..", "io.headroom.config..",
                        "io.headroom.store..", "io.headroom.ingest..", "io.headroom.proxy..", "io.headroom.service..",
                        "io.headroom.report..", "io.headroom.cli..", "io.headroom.ui..", "io.headroom.app..")
                .check(MAIN);
    }
}
