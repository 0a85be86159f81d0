package io.headroom.ingest.claudecode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where Claude Code keeps transcripts, found the way its users expect: {@code --claude-dir}
 * when given; else {@code CLAUDE_CONFIG_DIR} (a comma-separated list) when set; else both
 * {@code $XDG_CONFIG_HOME/claude} (default {@code ~/.config/claude}) and {@code ~/.claude}. Each
 * entry may be a Claude folder holding {@code projects/}, or a {@code projects/} folder itself.
 */
public final class ClaudeDirectories {

    /** One place looked at, and the {@code projects/} folder found there (null if none). */
    public record Candidate(String configured, Path projects) {
        public boolean found() {
            return projects != null;
        }
    }

    /** Everything looked at, for the import report and the first-run screen. */
    public record Discovery(String rule, List<Candidate> candidates) {
        public List<Path> projectRoots() {
            Set<Path> roots = new LinkedHashSet<>();
            for (Candidate c : candidates) {
                if (c.found()) {
                    roots.add(c.projects());
                }
            }
            return List.copyOf(roots);
        }
    }

    private ClaudeDirectories() {
    }

    public static Discovery discover(List<Path> explicit, Map<String, String> env, Path home) {
        return discover(explicit, List.of(), env, home);
    }

    /**
     * As {@link #discover(List, Map, Path)}, and without explicit folders also the {@code extra}
     * ones the user added in the settings (after the usual places, each once).
     */
    public static Discovery discover(List<Path> explicit, List<String> extra, Map<String, String> env, Path home) {
        Discovery usual = usual(explicit, env, home);
        if (explicit != null && !explicit.isEmpty() || extra.isEmpty()) {
            return usual;
        }
        List<Candidate> all = new ArrayList<>(usual.candidates());
        Set<String> seen = new java.util.HashSet<>();
        all.forEach(c -> seen.add(c.configured()));
        for (String e : extra) {
            String entry = e.strip();
            if (!entry.isEmpty() && seen.add(entry)) {
                all.add(candidate(entry, expand(entry, home)));
            }
        }
        return new Discovery(usual.rule(), all);
    }

    private static Discovery usual(List<Path> explicit, Map<String, String> env, Path home) {
        if (explicit != null && !explicit.isEmpty()) {
            List<Candidate> out = new ArrayList<>();
            for (Path p : explicit) {
                out.add(candidate(p.toString(), expand(p.toString(), home)));
            }
            return new Discovery("--claude-dir", out);
        }
        String configDir = env.get("CLAUDE_CONFIG_DIR");
        if (configDir != null && !configDir.isBlank()) {
            List<Candidate> out = new ArrayList<>();
            for (String entry : configDir.split(",")) {
                String e = entry.strip();
                if (!e.isEmpty()) {
                    out.add(candidate(e, expand(e, home)));
                }
            }
            return new Discovery("CLAUDE_CONFIG_DIR", out);
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path xdgClaude = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".config")).resolve("claude");
        List<Candidate> out = new ArrayList<>();
        out.add(candidate(xdgClaude.toString(), xdgClaude));
        out.add(candidate(home.resolve(".claude").toString(), home.resolve(".claude")));
        return new Discovery("default", out);
    }

    private static Candidate candidate(String configured, Path dir) {
        Path projects = dir.resolve("projects");
        if (Files.isDirectory(projects)) {
            return new Candidate(configured, real(projects));
        }
        if (dir.getFileName() != null && dir.getFileName().toString().equals("projects") && Files.isDirectory(dir)) {
            return new Candidate(configured, real(dir));
        }
        return new Candidate(configured, null);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (java.io.IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    static Path expand(String entry, Path home) {
        if (entry.equals("~")) {
            return home;
        }
        if (entry.startsWith("~/") || entry.startsWith("~\\")) {
            return home.resolve(entry.substring(2));
        }
        return Path.of(entry);
    }
}
