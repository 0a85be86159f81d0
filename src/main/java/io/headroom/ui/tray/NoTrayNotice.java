package io.headroom.ui.tray;

import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Modality;
import javafx.stage.Window;

/** Said once per data folder when Headroom cannot stay in a tray: closing the window will quit. */
public final class NoTrayNotice {

    /** Why there is no tray. */
    public enum Reason { NOT_SUPPORTED, TURNED_OFF }

    private NoTrayNotice() {
    }

    /** Null when the tray is to be used; otherwise why not. */
    public static Reason reason(boolean trayEnabled, boolean traySupported) {
        if (!trayEnabled) {
            return Reason.TURNED_OFF;
        }
        return traySupported ? null : Reason.NOT_SUPPORTED;
    }

    /** The marker name in the data folder, one per reason (turning the tray off later is news again). */
    public static String noticeName(Reason reason) {
        return reason == Reason.NOT_SUPPORTED ? "no-tray" : "tray-off";
    }

    public static String header(Reason reason) {
        return reason == Reason.NOT_SUPPORTED ? "No system tray on this desktop" : "The tray icon is turned off";
    }

    public static String text(Reason reason) {
        return reason == Reason.NOT_SUPPORTED
                ? "Headroom quits when you close its window, and notifications appear only while it is open. "
                        + "On GNOME, the \"AppIndicator and KStatusNotifierItem Support\" extension adds a tray."
                : "Headroom quits when you close its window. Turn the tray on in Settings to keep it watching "
                        + "your limits in the background.";
    }

    /** Shows the notice without blocking (on the FX thread). */
    public static Alert show(Window owner, Reason reason) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, text(reason), ButtonType.OK);
        alert.setTitle("Headroom");
        alert.setHeaderText(header(reason));
        alert.initOwner(owner);
        alert.initModality(Modality.NONE);
        alert.getDialogPane().setPrefWidth(480);
        alert.show();
        return alert;
    }
}
