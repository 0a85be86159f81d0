package io.headroom.domain.pricing;

import io.headroom.domain.Speed;
import io.headroom.domain.TokenCounts;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prices calls the way ccusage 20 does: per token type, per call, tiered above the long-context
 * threshold where the model has premium rates, times the fast-mode multiplier for fast calls.
 * Model names are matched exactly, then as a dated or prefixed form of a key, without ever
 * crossing a version boundary (claude-opus-4 never prices claude-opus-4-8).
 */
public final class PriceTable {

    private static final double PER_TOKEN = 1_000_000.0;
    private static final List<String> FAMILIES = List.of("opus", "sonnet", "haiku", "fable", "mythos");

    private final LocalDate asOf;
    private final long longContextThreshold;
    private final String fallbackModel;
    private final List<ModelPrice> rows;
    private final Map<String, List<Candidate>> resolved = new ConcurrentHashMap<>();

    private record Candidate(PriceMatch match) {
    }

    public PriceTable(LocalDate asOf, long longContextThreshold, String fallbackModel, List<ModelPrice> rows) {
        this.asOf = asOf;
        this.longContextThreshold = longContextThreshold;
        this.fallbackModel = fallbackModel;
        this.rows = List.copyOf(rows);
        if (this.rows.isEmpty()) {
            throw new IllegalArgumentException("a price table needs at least one model");
        }
    }

    public LocalDate asOf() {
        return asOf;
    }

    public long longContextThreshold() {
        return longContextThreshold;
    }

    public List<ModelPrice> rows() {
        return rows;
    }

    /** Finds the row that prices {@code model} for a call made at {@code at}. Never null. */
    public PriceMatch resolve(String model, Instant at) {
        List<Candidate> candidates = resolved.computeIfAbsent(model == null ? "" : model, this::candidatesFor);
        for (Candidate c : candidates) {
            if (c.match.price().validAt(at)) {
                return c.match;
            }
        }
        return candidates.get(0).match;
    }

    /** USD for one call. */
    public double cost(String model, Instant at, TokenCounts t, Speed speed) {
        return cost(resolve(model, at).price(), t, speed);
    }

    public double cost(ModelPrice p, TokenCounts t, Speed speed) {
        Rates r = p.rates();
        Rates a = p.above();
        double usd = tiered(t.input(), r.input(), a == null ? null : a.input())
                + tiered(t.output(), r.output(), a == null ? null : a.output())
                + tiered(t.cacheWrite5m(), r.cacheWrite5m(), a == null ? null : a.cacheWrite5m())
                + tiered(t.cacheWrite1h(), r.cacheWrite1h(), a == null ? null : a.cacheWrite1h())
                + tiered(t.cacheRead(), r.cacheRead(), a == null ? null : a.cacheRead());
        if (speed == Speed.FAST && p.fastMultiplier() != null) {
            boolean longContext = t.totalInput() > longContextThreshold && p.fastMultiplierAbove() != null;
            usd *= longContext ? p.fastMultiplierAbove() : p.fastMultiplier();
        }
        return usd;
    }

    private double tiered(long n, double base, Double above) {
        if (above == null || n <= longContextThreshold) {
            return n * base / PER_TOKEN;
        }
        return (longContextThreshold * base + (n - longContextThreshold) * above) / PER_TOKEN;
    }

    /** All rows that could price the model, best kind first; the caller picks by date. */
    private List<Candidate> candidatesFor(String rawModel) {
        String model = normalize(rawModel);
        List<Candidate> exact = new ArrayList<>();
        List<Candidate> pattern = new ArrayList<>();
        int bestPatternLength = -1;
        for (ModelPrice row : rows) {
            for (String key : keysOf(row)) {
                if (key.equals(model)) {
                    exact.add(new Candidate(new PriceMatch(row, PriceMatch.Kind.EXACT)));
                } else if (key.length() >= bestPatternLength && matchesAtBoundary(model, key)) {
                    if (key.length() > bestPatternLength) {
                        pattern.clear();
                        bestPatternLength = key.length();
                    }
                    pattern.add(new Candidate(new PriceMatch(row, PriceMatch.Kind.PATTERN)));
                }
            }
        }
        if (!exact.isEmpty()) {
            return exact;
        }
        if (!pattern.isEmpty()) {
            return pattern;
        }
        List<Candidate> family = nearestInFamily(model);
        if (!family.isEmpty()) {
            return family;
        }
        List<Candidate> fallback = new ArrayList<>();
        for (ModelPrice row : rows) {
            if (row.id().equals(fallbackModel)) {
                fallback.add(new Candidate(new PriceMatch(row, PriceMatch.Kind.FALLBACK)));
            }
        }
        if (fallback.isEmpty()) {
            fallback.add(new Candidate(new PriceMatch(rows.get(0), PriceMatch.Kind.FALLBACK)));
        }
        return fallback;
    }

    private static List<String> keysOf(ModelPrice row) {
        List<String> keys = new ArrayList<>(row.match().size() + 1);
        keys.add(normalize(row.id()));
        for (String m : row.match()) {
            keys.add(normalize(m));
        }
        return keys;
    }

    /**
     * Lower case, no bracketed suffix ({@code [1m]}), no provider prefix, and '.' and '@' as '-'
     * (claude-opus-4.5, claude-opus-4-1@20250805).
     */
    static String normalize(String model) {
        String m = model == null ? "" : model.strip().toLowerCase(Locale.ROOT);
        int bracket = m.indexOf('[');
        if (bracket > 0) {
            m = m.substring(0, bracket);
        }
        int slash = m.lastIndexOf('/');
        if (slash >= 0) {
            m = m.substring(slash + 1);
        }
        int anthropic = m.indexOf("anthropic.");
        if (anthropic >= 0) {
            m = m.substring(anthropic + "anthropic.".length());
        }
        return m.replace('.', '-').replace('@', '-');
    }

    /**
     * True when {@code model} is {@code key} followed by a segment that is not a version number:
     * a date (-20251001), a provider suffix (-v1:0), or a variant word.
     */
    static boolean matchesAtBoundary(String model, String key) {
        int at = model.indexOf(key);
        while (at >= 0) {
            boolean startOk = at == 0 || model.charAt(at - 1) == '-';
            int end = at + key.length();
            if (startOk && (end == model.length() || (model.charAt(end) == '-' && !versionSegmentAt(model, end + 1)))) {
                return true;
            }
            at = model.indexOf(key, at + 1);
        }
        return false;
    }

    private static boolean versionSegmentAt(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        int digits = i - from;
        return digits >= 1 && digits <= 3 && (i == s.length() || s.charAt(i) == '-');
    }

    private List<Candidate> nearestInFamily(String model) {
        String family = familyOf(model);
        if (family == null) {
            return List.of();
        }
        double version = versionOf(model);
        List<Candidate> best = new ArrayList<>();
        double bestDistance = Double.MAX_VALUE;
        double bestVersion = -1;
        for (ModelPrice row : rows) {
            String id = normalize(row.id());
            if (!family.equals(familyOf(id))) {
                continue;
            }
            double v = versionOf(id);
            double d = Math.abs(v - version);
            if (d < bestDistance - 1e-9 || (Math.abs(d - bestDistance) < 1e-9 && v > bestVersion)) {
                best.clear();
                bestDistance = d;
                bestVersion = v;
            }
            if (Math.abs(d - bestDistance) < 1e-9 && Math.abs(v - bestVersion) < 1e-9) {
                best.add(new Candidate(new PriceMatch(row, PriceMatch.Kind.FAMILY)));
            }
        }
        return best;
    }

    static String familyOf(String model) {
        for (String f : FAMILIES) {
            if (model.contains(f)) {
                return f;
            }
        }
        return null;
    }

    /**
     * 4-8 gives 408, 3-5 gives 305, 5 gives 500: the major version weighs more than any minor
     * difference, so an unknown opus-4-9 is priced as opus-4-8, not opus-5. Dates are ignored.
     */
    static double versionOf(String model) {
        double major = -1;
        double minor = 0;
        for (String part : model.split("-")) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)) {
                continue;
            }
            if (major < 0) {
                major = Integer.parseInt(part);
            } else {
                minor = Integer.parseInt(part);
                break;
            }
        }
        return major < 0 ? 0 : major * 100 + minor;
    }
}
