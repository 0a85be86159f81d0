package io.headroom.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.headroom.work.BackgroundWork;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/**
 * Threads come from one place, {@link BackgroundWork}: named, daemon unless they must keep the
 * process alive, and logging what escapes them. Nothing else starts a thread or builds a pool.
 */
class ThreadRulesTest {

    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.headroom");

    @Test
    void noClassButBackgroundWorkCreatesAThread() {
        noClasses().that().doNotBelongToAnyOf(BackgroundWork.class)
                .should().callConstructorWhere(target("a Thread constructor",
                        call -> call.getTargetOwner().isAssignableTo(Thread.class)))
                .check(MAIN);
    }

    @Test
    void noClassButBackgroundWorkBuildsAnExecutor() {
        noClasses().that().doNotBelongToAnyOf(BackgroundWork.class)
                .should().callConstructorWhere(target("an executor's constructor",
                        call -> call.getTargetOwner().isAssignableTo(Executor.class)))
                .orShould().callMethodWhere(target("Executors.new…",
                        call -> call.getTargetOwner().isEquivalentTo(Executors.class)
                                && call.getName().startsWith("new")))
                .orShould().callMethodWhere(target("the common fork-join pool",
                        call -> call.getTargetOwner().isEquivalentTo(ForkJoinPool.class)
                                && call.getName().equals("commonPool")))
                .check(MAIN);
    }

    private interface CallTest {
        boolean test(JavaCall<?> call);
    }

    private static <T extends JavaCall<?>> DescribedPredicate<T> target(String description, CallTest test) {
        return DescribedPredicate.describe(description, test::test);
    }
}
