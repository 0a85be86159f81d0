package io.headroom.ui.tray;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.domain.LimitWindow;
import io.headroom.domain.notify.Notification;
import io.headroom.testing.Screenshots;
import io.headroom.ui.notify.PopupNotificationSink;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The tray's FX parts, headless: the limit-hit dialog, the popup notification, the no-tray notice. */
@ExtendWith(ApplicationExtension.class)
class TrayDialogsTest {

    static final Instant NOW = Instant.parse("2026-11-27T13:10:00Z"); // 14:10 in Madrid
    static final ZoneId MADRID = ZoneId.of("Europe/Madrid");

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(new Label("Headroom")), 640, 400));
        stage.show();
    }

    @Test
    void theLimitHitDialogDefaultsToFiveHoursAndRefusesWhatItCannotRead(FxRobot robot) throws Exception {
        LimitHitDialog dialog = WaitForAsyncUtils.asyncFx(() -> {
            LimitHitDialog d = new LimitHitDialog(() -> NOW, MADRID, "light");
            d.show();
            return d;
        }).get();
        Label preview = (Label) dialog.getDialogPane().lookup("#preview");
        Label error = (Label) dialog.getDialogPane().lookup("#error");
        assertThat(dialog.field().getText()).isEqualTo("in 5h");
        assertThat(preview.getText()).isEqualTo("5-hour limit, resets 19:10 (in 5 h 00 min)");
        Screenshots.save(dialog.getDialogPane().getScene(), "tray-limit-hit-dialog");

        robot.interact(() -> dialog.field().setText("half past six"));
        assertThat(error.getText()).startsWith("Cannot read that time");
        assertThat(dialog.field().getStyleClass()).contains("invalid");
        robot.interact(() -> ((Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        assertThat(dialog.isShowing()).as("OK does not close on bad input").isTrue();
        Screenshots.save(dialog.getDialogPane().getScene(), "tray-limit-hit-dialog-error");

        robot.interact(() -> dialog.field().setText("Mon 09:00"));
        assertThat(preview.getText()).isEqualTo("Weekly limit, resets Mon 30 Nov 09:00 (in 2 d 18 h)");
        robot.interact(() -> ((Button) dialog.getDialogPane().lookupButton(ButtonType.OK)).fire());
        assertThat(dialog.isShowing()).isFalse();
        assertThat(dialog.getResult().window()).isEqualTo(LimitWindow.WEEKLY);
        assertThat(dialog.getResult().resetAt()).isEqualTo(Instant.parse("2026-11-30T08:00:00Z"));
    }

    @Test
    void theDialogInTheDarkTheme(FxRobot robot) throws Exception {
        LimitHitDialog dialog = WaitForAsyncUtils.asyncFx(() -> {
            LimitHitDialog d = new LimitHitDialog(() -> NOW, MADRID, "dark");
            d.show();
            return d;
        }).get();
        Screenshots.save(dialog.getDialogPane().getScene(), "tray-limit-hit-dialog-dark");
        robot.interact(dialog::close);
    }

    @Test
    void withoutATrayANotificationIsAPopupByTheWindow(FxRobot robot) throws Exception {
        Notification n = new Notification(Notification.Type.THRESHOLD, LimitWindow.FIVE_HOUR, 80, 82,
                Instant.parse("2026-11-27T15:00:00Z"));
        new PopupNotificationSink(stage).deliver(n, "5-hour window at 80%", "82% used · resets in 1 h 20 min (16:00)");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> popup() != null);
        WaitForAsyncUtils.waitForFxEvents();
        Window popup = popup();
        String text = WaitForAsyncUtils.asyncFx(() -> popup.getScene().getRoot().lookupAll(".label").stream()
                .map(l -> ((Label) l).getText()).toList().toString()).get();
        assertThat(text).contains("5-hour window at 80%").contains("82% used · resets in 1 h 20 min (16:00)");
        Screenshots.save(popup.getScene(), "tray-notification-popup");
    }

    @Test
    void theNoTrayNoticeSaysClosingQuits(FxRobot robot) throws Exception {
        Alert alert = WaitForAsyncUtils.asyncFx(() -> NoTrayNotice.show(stage, NoTrayNotice.Reason.NOT_SUPPORTED)).get();
        assertThat(alert.getHeaderText()).isEqualTo("No system tray on this desktop");
        assertThat(alert.getContentText()).startsWith("Headroom quits when you close its window");
        Screenshots.save(alert.getDialogPane().getScene(), "tray-no-tray-notice");
        robot.interact(alert::close);
    }

    @Test
    void theTrayIsUsedOnlyWhenWantedAndThereAndEachReasonIsItsOwnNotice() {
        assertThat(NoTrayNotice.reason(true, true)).isNull();
        assertThat(NoTrayNotice.reason(true, false)).isEqualTo(NoTrayNotice.Reason.NOT_SUPPORTED);
        assertThat(NoTrayNotice.reason(false, true)).isEqualTo(NoTrayNotice.Reason.TURNED_OFF);
        assertThat(NoTrayNotice.reason(false, false)).isEqualTo(NoTrayNotice.Reason.TURNED_OFF);
        assertThat(NoTrayNotice.noticeName(NoTrayNotice.Reason.NOT_SUPPORTED)).isEqualTo("no-tray");
        assertThat(NoTrayNotice.noticeName(NoTrayNotice.Reason.TURNED_OFF)).isEqualTo("tray-off");
        assertThat(NoTrayNotice.header(NoTrayNotice.Reason.TURNED_OFF)).isEqualTo("The tray icon is turned off");
    }

    private static Window popup() {
        return Window.getWindows().stream().filter(w -> w instanceof PopupWindow && w.isShowing()
                && w.getScene().getRoot().lookup(".notification-bar") != null).findFirst().orElse(null);
    }
}
