package io.headroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import javafx.animation.Animation;
import org.junit.jupiter.api.Test;

/**
 * While an animation runs, JavaFX pulses 60 times a second (CSS, layout and a repaint check each
 * time) however rarely its key frames fire, so a repeating one left running costs the idle window
 * CPU all the time. What repeats ticks from a background timer with one {@code runLater} each
 * (io.headroom.ui.dashboard.TickSource, the API tab's drain); one-shot transitions (a debounce) end.
 */
class IdleRulesTest {

    @Test
    void noViewRepeatsAJavaFxAnimation() {
        noClasses().should().callMethodWhere(DescribedPredicate.describe("Animation.setCycleCount (a repeating animation)",
                (JavaMethodCall call) -> call.getTargetOwner().isAssignableTo(Animation.class)
                        && call.getName().equals("setCycleCount")))
                .check(ThreadRulesTest.MAIN);
    }
}
