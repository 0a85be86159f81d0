package io.headroom.ui.advisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.config.DataDirectory;
import io.headroom.config.Settings;
import io.headroom.domain.advisor.AdvisorResult;
import io.headroom.service.AdvisorService;
import io.headroom.service.Workspace;
import io.headroom.testing.AdvisorHistory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Advisor tab's view model without JavaFX, on a real store holding the advisor's reference
 * history (a Pro user blocked 2 h a week; Max 5x breaks even at $9.20/h).
 */
class AdvisorViewModelTest {

    @TempDir
    Path tmp;

    Workspace workspace;

    @BeforeEach
    void history() throws Exception {
        workspace = new Workspace(new DataDirectory(tmp.resolve("data")), null, Map.of(), tmp.resolve("home"));
        workspace.saveSettings(new Settings("pro", "UTC", null, null).withHourlyValue(150.0));
        AdvisorHistory.write(workspace);
    }

    @AfterEach
    void close() {
        workspace.close();
    }

    AdvisorViewModel.Loaded load(Instant at) {
        Settings saved = workspace.settings();
        return new AdvisorViewModel.Loaded(workspace.advisor().prepare(at, AdvisorService.DEFAULT_PERIOD_DAYS, null), saved, at);
    }

    AdvisorViewModel shown(AdvisorViewModel.Loaded loaded) {
        AdvisorViewModel m = new AdvisorViewModel();
        m.adopt(loaded);
        m.show(loaded.prepared().at(m.decisionValue()));
        return m;
    }

    @Test
    void showsTheSavedAdviceInWords() {
        AdvisorViewModel m = shown(load(AdvisorHistory.NOW));
        assertThat(m.sliderValue()).isEqualTo(150.0);
        assertThat(m.hourlyValueShown(m.sliderValue())).isEqualTo("$150/h");
        assertThat(m.recommendation()).isEqualTo("Max 5x");
        assertThat(m.confidence()).isEqualTo("high confidence");
        assertThat(m.confidenceStyle()).isEqualTo("confidence-high");
        assertThat(m.period()).isEqualTo("2026-11-02 to 2026-11-29 · plan catalog as of 2026-11-27 · costs are API-equivalent");
        assertThat(m.asksForPlan()).isFalse();
        assertThat(m.sentences()).contains("Max 5x pays for itself if your time is worth more than $9.20/h.");
        assertThat(m.sensitivity()).isEqualTo("Cheapest by hourly value: $0–$9.20/h: Pro · from $9.20/h: Max 5x");
        assertThat(m.hourlyNote()).isEqualTo("Limit tax = blocked hours x this value x 4.348 weeks a month.");
        AdvisorResult.Option pro = m.options().stream().filter(o -> o.id().equals("pro")).findFirst().orElseThrow();
        assertThat(m.row(pro)).isEqualTo(new AdvisorViewModel.Row("Pro (current)", "$20", "1.0", "2.0", "$1,304", "$1,324",
                "current plan", "", null));
        AdvisorResult.Option max5 = m.options().stream().filter(o -> o.id().equals("max5")).findFirst().orElseThrow();
        assertThat(m.row(max5)).isEqualTo(new AdvisorViewModel.Row("Max 5x", "$100", "0.0", "0.0", "$0", "$100",
                "above $9.20/h", "recommended-row", "Max 5x pays for itself if your time is worth more than $9.20/h"));
        AdvisorResult.Option free = m.options().stream().filter(o -> o.id().equals("free")).findFirst().orElseThrow();
        assertThat(m.row(free)).isEqualTo(new AdvisorViewModel.Row("Free", "$0", "–", "–", "–", "–", "not compared",
                "not-compared", "no Claude Code on this plan"));
    }

    @Test
    void theSliderTriesAValueUntilTheSavedOneChanges() throws Exception {
        AdvisorViewModel m = shown(load(AdvisorHistory.NOW));
        m.slid(9.4);
        assertThat(m.decisionValue()).isEqualTo(9.0);
        assertThat(m.sliderValue()).isEqualTo(9.0);
        m.show(m.loaded().prepared().at(m.decisionValue()));
        assertThat(m.recommendation()).isEqualTo("Pro");
        assertThat(m.hourlyNote()).endsWith("Reports use your saved value, $150/h; change it in Settings.");
        // Reloaded with the same saved value: the slider keeps trying $9.
        m.adopt(load(AdvisorHistory.NOW.plusSeconds(120)));
        assertThat(m.sliderValue()).isEqualTo(9.0);
        // The saved value changed: the slider follows it.
        workspace.saveSettings(workspace.settings().withHourlyValue(5.0));
        m.adopt(load(AdvisorHistory.NOW.plusSeconds(180)));
        assertThat(m.decisionValue()).isNull();
        assertThat(m.sliderValue()).isEqualTo(5.0);
    }

    @Test
    void reloadsWhenTheSavedSettingsChangeWhereverThatHappensAndOtherwiseOnceAMinute() throws Exception {
        AdvisorViewModel.Loaded last = load(AdvisorHistory.NOW);
        Settings saved = workspace.settings();
        assertThat(AdvisorViewModel.needsReload(null, AdvisorHistory.NOW, saved)).isTrue();
        assertThat(AdvisorViewModel.needsReload(last, AdvisorHistory.NOW.plusSeconds(59), saved)).isFalse();
        assertThat(AdvisorViewModel.needsReload(last, AdvisorHistory.NOW.plusSeconds(60), saved)).isTrue();
        assertThat(AdvisorViewModel.needsReload(last, AdvisorHistory.NOW.plusSeconds(1), saved.withHourlyValue(5.0))).isTrue();
        assertThat(AdvisorViewModel.needsReload(last, AdvisorHistory.NOW.plusSeconds(1), saved.withPlan("max5"))).isTrue();
        assertThat(AdvisorViewModel.needsReload(last, AdvisorHistory.NOW.plusSeconds(1), saved.withTimeZone("Europe/Madrid")))
                .isTrue();
        // The theme is no input of the advice.
        assertThat(AdvisorViewModel.needsReload(last, AdvisorHistory.NOW.plusSeconds(1), saved.withTheme(Settings.DARK)))
                .isFalse();
    }

    @Test
    void aNewDayInTheUsersZoneReplaysAgain() throws Exception {
        workspace.saveSettings(workspace.settings().withTimeZone("America/New_York"));
        // 23:59:30 on 29 November in New York is 04:59:30 UTC; thirty seconds later it is the 30th there.
        Instant lateEvening = Instant.parse("2026-11-30T04:59:30Z");
        AdvisorViewModel.Loaded last = load(lateEvening);
        Settings saved = workspace.settings();
        assertThat(AdvisorViewModel.needsReload(last, lateEvening.plusSeconds(20), saved)).isFalse();
        assertThat(AdvisorViewModel.needsReload(last, lateEvening.plus(Duration.ofSeconds(30)), saved)).isTrue();
    }

    @Test
    void withNoPlanItAsksForOneAndCallsNoRowCurrent() throws Exception {
        workspace.saveSettings(workspace.settings().withPlan(null));
        AdvisorViewModel m = shown(load(AdvisorHistory.NOW));
        assertThat(m.asksForPlan()).isTrue();
        assertThat(m.recommendation()).isEqualTo("Your plan?");
        assertThat(m.options()).isEmpty();
        assertThat(m.tablePlaceholder()).isEqualTo("Choose your plan to compare the others with it.");
        assertThat(m.sensitivity()).isEmpty();
        assertThat(AdvisorViewModel.planChoices(workspace.plans().catalog())).extracting(AdvisorViewModel.PlanChoice::id)
                .containsExactly("free", "pro", "max5", "max20", "api");
        assertThat(m.sentences()).noneMatch(s -> s.contains("--"));
    }

    @Test
    void tooLittleHistoryShowsNoRecommendationAndSaysWhy() {
        // The period before the history began: nothing in it.
        AdvisorViewModel m = shown(load(AdvisorHistory.NOW.minus(Duration.ofDays(28))));
        assertThat(m.recommendation()).isEqualTo("No recommendation yet");
        assertThat(m.sentences()).anyMatch(s -> s.startsWith("Too little history to advise: no usage at all"));
        assertThat(m.options()).allMatch(o -> !"always".equals(o.breakEven()));
        assertThat(AdvisorViewModel.wrote(List.of(Path.of("/tmp/a.csv"), Path.of("/tmp/a-daily.csv"))))
                .isEqualTo("Wrote /tmp/a.csv and /tmp/a-daily.csv");
    }
}
