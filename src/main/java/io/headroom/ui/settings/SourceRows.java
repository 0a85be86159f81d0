package io.headroom.ui.settings;

import io.headroom.sources.SourceRegistry;
import io.headroom.sources.SourceState;
import io.headroom.sources.SourceStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** The Settings tab's list of data sources: one row per registered source with its state, last read and problem. */
final class SourceRows {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);

    private SourceRows() {
    }

    static void fill(VBox box, List<SourceRegistry.Entry> entries, ZoneId zone) {
        List<VBox> rows = new ArrayList<>();
        for (SourceRegistry.Entry e : entries) {
            SourceStatus s = e.status();
            Label name = new Label(e.source().displayName() + " · " + s.state().label());
            name.getStyleClass().addAll("source-name", "source-" + s.state().code().replace('_', '-'));
            VBox row = new VBox(2, name);
            row.setId("source-" + e.source().id());
            Label what = new Label(e.source().description());
            what.getStyleClass().add("caption");
            what.setWrapText(true);
            row.getChildren().add(what);
            if (s.lastRead() != null && s.lastReadAt() != null) {
                row.getChildren().add(caption("Last read " + SHOWN.format(s.lastReadAt().atZone(zone)) + ": "
                        + s.lastRead(), "caption"));
            }
            if (s.problem() != null) {
                row.getChildren().add(caption(s.problem(), s.state() == SourceState.ERROR ? "field-error" : "caption"));
            }
            rows.add(row);
        }
        box.getChildren().setAll(rows);
    }

    private static Label caption(String text, String style) {
        Label l = new Label(text);
        l.getStyleClass().add(style);
        l.setWrapText(true);
        return l;
    }
}
