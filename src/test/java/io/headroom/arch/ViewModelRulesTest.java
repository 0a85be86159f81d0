package io.headroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.headroom.ui.history.FxLeakingViewModel;
import org.junit.jupiter.api.Test;

/** View models are plain Java, so they can be tested without a screen; the controllers do the JavaFX. */
class ViewModelRulesTest {

    static final ArchRule VIEW_MODELS_ARE_PLAIN_JAVA = noClasses().that().resideInAPackage("io.headroom.ui..")
            .and().haveNameMatching(".*ViewModel(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..");

    @Test
    void viewModelsDoNotUseJavaFx() {
        JavaClasses main = LayerRulesTest.MAIN;
        for (String tab : new String[] {"history.HistoryViewModel", "sessions.SessionsViewModel", "api.ApiViewModel",
                "advisor.AdvisorViewModel", "settings.SettingsViewModel"}) {
            assertThat(main.contain("io.headroom.ui." + tab)).as(tab).isTrue();
        }
        VIEW_MODELS_ARE_PLAIN_JAVA.check(main);
    }

    @Test
    void theRuleCatchesAViewModelThatUsesJavaFx() {
        JavaClasses leaking = new ClassFileImporter().importClasses(FxLeakingViewModel.class);
        assertThatThrownBy(() -> VIEW_MODELS_ARE_PLAIN_JAVA.check(leaking)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("FxLeakingViewModel");
    }
}
