package io.headroom.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * Every text a person can read in a part of a scene: labels, hyperlinks, buttons, cells, plain
 * text nodes, prompt texts and tooltips (set on a control or installed on any node). Skins count:
 * a table's header or a combo box's button cell is read as drawn. Call on the FX thread.
 */
public final class SceneTexts {

    /** Where a text was found (the node's class and id) and the text. */
    public record Found(String where, String text) {
        @Override
        public String toString() {
            return where + ": \"" + text + "\"";
        }
    }

    private SceneTexts() {
    }

    public static List<Found> of(Node root) {
        List<Found> out = new ArrayList<>();
        collect(root, out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private static void collect(Node node, List<Found> out, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        String where = node.getClass().getSimpleName() + (node.getId() == null ? "" : "#" + node.getId());
        if (node instanceof Labeled l) {
            add(out, where, l.getText());
            tooltip(l.getTooltip(), where, out, seen);
        }
        if (node instanceof Text t) {
            add(out, where, t.getText());
        }
        if (node instanceof TextInputControl in) {
            add(out, where + " prompt", in.getPromptText());
        }
        if (node instanceof javafx.scene.control.Control c) {
            tooltip(c.getTooltip(), where, out, seen);
        }
        for (Object value : node.getProperties().values()) { // Tooltip.install keeps it among the properties
            if (value instanceof Tooltip t) {
                tooltip(t, where, out, seen);
            }
        }
        if (node instanceof ScrollPane sp) {
            collect(sp.getContent(), out, seen);
        } else if (node instanceof TitledPane tp) {
            add(out, where, tp.getText());
            collect(tp.getContent(), out, seen);
        } else if (node instanceof TabPane tabs) {
            for (Tab tab : tabs.getTabs()) {
                add(out, "Tab", tab.getText());
                collect(tab.getContent(), out, seen);
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collect(child, out, seen);
            }
        }
    }

    private static void tooltip(Tooltip t, String where, List<Found> out, Set<Object> seen) {
        if (t != null && seen.add(t)) {
            add(out, where + " tooltip", t.getText());
        }
    }

    private static void add(List<Found> out, String where, String text) {
        if (text != null && !text.isBlank()) {
            out.add(new Found(where, text));
        }
    }
}
