package io.headroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

/** View models hold what a tab shows in plain Java, so they are tested without a window. */
class ApiSettingsViewModelRulesTest {

    @Test
    void viewModelsDoNotUseJavaFx() {
        noClasses().that().resideInAPackage("io.headroom.ui..").and().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
                .check(LayerRulesTest.MAIN);
    }
}
