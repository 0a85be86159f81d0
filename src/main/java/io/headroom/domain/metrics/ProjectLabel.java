package io.headroom.domain.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a project is named when figures leave the machine. By default a hash: the same project
 * gets the same label on every machine (so a team can add it up) and nobody learns its name.
 * When the user allows names, the project's own folder name, without the home folder Claude Code
 * encodes in front of it ({@code -home-dev-cc-project} is {@code cc-project}), so no path leaves.
 */
public final class ProjectLabel {

    /** Claude Code's folder names are the working directory with separators as dashes. */
    private static final Pattern HOME_PREFIX = Pattern.compile("^(?:[A-Za-z]--)?-?(?:home|Users)-[^-]+-");

    private ProjectLabel() {
    }

    public static String of(String project, boolean names) {
        if (names) {
            String name = HOME_PREFIX.matcher(project).replaceFirst("");
            return name.isEmpty() ? project : name;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(project.getBytes(StandardCharsets.UTF_8));
            return "p-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Costs per label; two projects that end with the same label add up. */
    public static Map<String, Double> costs(Map<String, Double> byProject, boolean names) {
        Map<String, Double> out = new TreeMap<>();
        byProject.forEach((project, cost) -> out.merge(of(project, names), cost, Double::sum));
        return new LinkedHashMap<>(out);
    }
}
