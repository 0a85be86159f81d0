package io.headroom.ui.dashboard;

import io.headroom.service.DemoData;
import io.headroom.service.StatusLineSetup;
import io.headroom.service.Workspace;
import io.headroom.service.refresh.RefreshEngine;
import io.headroom.ui.view.ViewContext;
import java.util.function.Consumer;

/** What the Overview's buttons do: the import's Cancel and Resume, and the first-run screen's actions. */
final class OverviewActions implements OverviewView.Actions {

    private final RefreshEngine refresher;
    private final ViewContext context;
    private final Consumer<String> showTab;
    private final Consumer<String> showSetting;

    OverviewActions(RefreshEngine refresher, ViewContext context, Consumer<String> showTab,
            Consumer<String> showSetting) {
        this.refresher = refresher;
        this.context = context;
        this.showTab = showTab;
        this.showSetting = showSetting;
    }

    @Override
    public void openSetting(String controlId) {
        showSetting.accept(controlId);
    }

    @Override
    public void openApi() {
        showTab.accept("API");
    }

    @Override
    public void cancelImport() {
        refresher.cancelImport();
    }

    @Override
    public void resumeImport() {
        refresher.resumeImport();
    }

    @Override
    public void installStatusLine(Consumer<String> done) {
        Consumer<StatusLineSetup.Outcome> installed = o -> {
            done.accept(o.message() + (o.backup() == null ? "" : " Backup: " + o.backup()));
            context.refreshNow();
        };
        context.load(() -> StatusLineSetup.installThisHook(context.workspace().claudeSettingsFile(),
                context.workspace().dataDirectory().path(), context.now()), installed,
                message -> done.accept("Could not install the status line: " + message));
    }

    @Override
    public void receiveTelemetry(java.util.function.BiConsumer<String, String> done) {
        context.load(() -> context.workspace().team().receiveTelemetry(), applied -> {
            var status = context.workspace().telemetry().status();
            if (status == null) {
                done.accept("Not started: " + String.join(" ", applied.problems()), null);
                return;
            }
            done.accept("Receiving at " + status.listen() + ", now and whenever Headroom starts (Settings, Team "
                    + "and telemetry).", io.headroom.service.TelemetryService.pasteLines(
                            java.net.URI.create(status.listen()).getPort()));
            context.refreshNow();
        }, message -> done.accept("Not started: " + message, null));
    }

    @Override
    public void logSession() {
        showTab.accept("Sessions");
    }

    @Override
    public void openDemo(Consumer<String> done) {
        Workspace user = context.workspace();
        context.load(() -> DemoData.create(DemoData.folder(user.dataDirectory()), context.now(), DemoData.SEED),
                demo -> {
                    DemoWindow.open(demo, context.clock());
                    done.accept("");
                }, message -> done.accept("Could not make the demo data: " + message));
    }
}
