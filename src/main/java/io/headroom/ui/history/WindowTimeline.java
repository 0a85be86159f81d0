package io.headroom.ui.history;

import io.headroom.domain.Figures;
import io.headroom.domain.ErrorEvent;
import io.headroom.domain.windows.PastWindows;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;

/**
 * Past windows on a time strip: a lane of 5-hour windows and a lane of weekly ones, each window a
 * bar as tall as the share of its limit it used, each limit hit a red marker whose tooltip says
 * when, in which window, and when it reset.
 */
final class WindowTimeline extends Region {

    static final String TOOLTIP = "headroom.tooltip";
    private static final double LANE_LABEL = 72;
    private static final double LANE = 44;
    private static final double GAP = 14;
    private static final double AXIS = 20;
    private static final double MARKER = 10;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ROOT);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);

    private record Placed(Node node, Instant start, Instant end, int lane, double heightShare) {
    }

    private final List<Placed> placed = new ArrayList<>();
    private final List<Label> ticks = new ArrayList<>();
    private final List<Label> lanes = List.of(laneLabel("5-hour"), laneLabel("Weekly"));
    private final List<Region> tracks = List.of(track(), track());
    private Instant from = Instant.EPOCH;
    private Instant to = Instant.EPOCH.plusSeconds(1);
    private ZoneId zone = ZoneId.of("UTC");

    WindowTimeline() {
        getStyleClass().add("window-timeline");
        double h = AXIS + 2 * LANE + GAP + 8;
        setMinHeight(h);
        setPrefHeight(h);
        setMaxHeight(h);
    }

    /** Shows the windows of [from, to) in {@code zone}. */
    void show(Instant from, Instant to, ZoneId zone, PastWindows.Result windows) {
        this.from = from;
        this.to = to.isAfter(from) ? to : from.plusSeconds(1);
        this.zone = zone;
        placed.clear();
        ticks.clear();
        for (PastWindows.Past p : windows.fiveHour()) {
            add(p, 0, "5-hour window");
        }
        for (PastWindows.Past p : windows.weekly()) {
            add(p, 1, "Weekly window");
        }
        for (Label tick : tickLabels()) {
            ticks.add(tick);
        }
        List<Node> children = new ArrayList<>(tracks);
        children.addAll(lanes);
        children.addAll(ticks);
        placed.stream().filter(p -> !p.node().getStyleClass().contains("limit-marker")).forEach(p -> children.add(p.node()));
        placed.stream().filter(p -> p.node().getStyleClass().contains("limit-marker")).forEach(p -> children.add(p.node()));
        getChildren().setAll(children);
        requestLayout();
    }

    private void add(PastWindows.Past p, int lane, String name) {
        Region bar = new Region();
        bar.getStyleClass().addAll("window-bar", lane == 0 ? "five-hour" : "weekly");
        if (p.percent() == null) {
            bar.getStyleClass().add("no-limit");
        }
        if (p.limitHit()) {
            bar.getStyleClass().add("hit");
        }
        String percent = p.percent() == null ? "percent unknown (no limit learned yet)"
                : HistoryText.percent(p.percent()) + " of the limit";
        tip(bar, name + " · " + span(p.window().start(), p.window().end()) + "\n"
                + Figures.usd(p.used().costUsd()) + " API-equivalent · " + percent);
        double share = p.percent() == null ? 0.3 : Math.max(0.06, Math.min(1, p.percent() / 100));
        placed.add(new Placed(bar, p.window().start(), p.window().end(), lane, share));
        for (ErrorEvent hit : p.hits()) {
            Region marker = new Region();
            marker.getStyleClass().add("limit-marker");
            marker.setFocusTraversable(false);
            tip(marker, "Limit hit " + WHEN.format(hit.timestamp().atZone(zone)) + "\n" + name + " "
                    + span(p.window().start(), p.window().end()) + "\n"
                    + (hit.resetAt() == null ? "Reset not known" : "Resets " + WHEN.format(hit.resetAt().atZone(zone))));
            placed.add(new Placed(marker, hit.timestamp(), hit.timestamp(), lane, 1));
        }
    }

    private String span(Instant start, Instant end) {
        boolean sameDay = LocalDate.ofInstant(start, zone).equals(LocalDate.ofInstant(end.minusMillis(1), zone));
        return WHEN.format(start.atZone(zone)) + " – " + (sameDay ? CLOCK : WHEN).format(end.atZone(zone));
    }

    private static void tip(Node node, String text) {
        Tooltip t = new Tooltip(text);
        t.setShowDelay(javafx.util.Duration.millis(150));
        Tooltip.install(node, t);
        node.getProperties().put(TOOLTIP, t);
    }

    /** The tooltip of a bar or marker (tests read it without hovering). */
    static Tooltip tooltipOf(Node node) {
        return (Tooltip) node.getProperties().get(TOOLTIP);
    }

    private List<Label> tickLabels() {
        List<Label> out = new ArrayList<>();
        LocalDate first = LocalDate.ofInstant(from, zone);
        LocalDate last = LocalDate.ofInstant(to, zone);
        long days = Math.max(1, Duration.between(from, to).toDays());
        long step = Math.max(1, (long) Math.ceil(days / 8.0));
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(step)) {
            Instant at = d.atStartOfDay(zone).toInstant();
            if (at.isBefore(from)) {
                continue;
            }
            Label l = new Label(DATE.format(d) + (days > 400 ? " " + d.getYear() : ""));
            l.getStyleClass().add("timeline-tick");
            l.getProperties().put("at", at);
            out.add(l);
        }
        return out;
    }

    private double x(Instant t, double width) {
        double share = (double) Duration.between(from, t).toMillis() / Duration.between(from, to).toMillis();
        return LANE_LABEL + Math.max(0, Math.min(1, share)) * width;
    }

    @Override
    protected void layoutChildren() {
        double width = Math.max(1, getWidth() - LANE_LABEL - 8);
        for (int lane = 0; lane < 2; lane++) {
            double top = lane * (LANE + GAP);
            Label l = lanes.get(lane);
            l.resizeRelocate(0, top, LANE_LABEL - 8, LANE);
            tracks.get(lane).resizeRelocate(LANE_LABEL, top, width, LANE);
        }
        for (Placed p : placed) {
            double top = p.lane() * (LANE + GAP);
            if (p.node().getStyleClass().contains("limit-marker")) {
                double cx = x(p.start(), width);
                p.node().resizeRelocate(cx - MARKER / 2, top - MARKER / 2 + 1, MARKER, MARKER);
            } else {
                double x0 = x(p.start(), width);
                double w = Math.max(2, x(p.end(), width) - x0 - 1);
                double h = LANE * p.heightShare();
                p.node().resizeRelocate(x0, top + LANE - h, w, h);
            }
        }
        double axisTop = 2 * LANE + GAP + 4;
        for (Label tick : ticks) {
            double tx = x((Instant) tick.getProperties().get("at"), width);
            double w = tick.prefWidth(-1);
            tick.resizeRelocate(Math.min(tx, LANE_LABEL + width - w), axisTop, w, tick.prefHeight(w));
        }
    }

    private static Label laneLabel(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("lane-label");
        return l;
    }

    private static Region track() {
        Region r = new Region();
        r.getStyleClass().add("lane-track");
        return r;
    }
}
