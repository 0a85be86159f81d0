package io.headroom.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every text colour the views use, on every background it is drawn on, keeps WCAG AA contrast
 * (4.5:1 for normal text) in both themes. Computed from the palettes the app ships.
 */
class ThemeContrastTest {

    /** text colour, background, as the CSS pairs them. */
    private static final String[][] PAIRS = {
        {"-hr-text", "-hr-surface"}, {"-hr-text", "-hr-page"}, {"-hr-text", "-hr-surface-alt"},
        {"-hr-text-2", "-hr-surface"}, {"-hr-text-2", "-hr-page"}, {"-hr-text-2", "-hr-surface-alt"},
        {"-hr-text-2", "-hr-footer"},
        {"-hr-text-3", "-hr-surface"}, {"-hr-text-3", "-hr-page"}, {"-hr-text-3", "-hr-surface-alt"},
        {"-hr-header-text", "-hr-header"}, {"-hr-header-sub", "-hr-header"},
        {"-hr-accent-text", "-hr-surface-alt"}, {"-hr-accent-text", "-hr-surface"},
        {"-hr-good-text", "-hr-good-bg"}, {"-hr-warn-text", "-hr-warn-bg"}, {"-hr-bad-text", "-hr-bad-bg"},
        {"-hr-info-text", "-hr-info-bg"}, {"-hr-manual-text", "-hr-manual-bg"},
        {"-hr-bad-text", "-hr-surface"}, {"-hr-good-text", "-hr-surface"}, {"-hr-surface", "-hr-accent"},
    };

    @ParameterizedTest
    @ValueSource(strings = {"theme-light.css", "theme-dark.css"})
    void everyTextColourIsReadableOnItsBackground(String theme) throws IOException {
        Map<String, String> palette = palette(theme);
        for (String[] pair : PAIRS) {
            double ratio = contrast(palette.get(pair[0]), palette.get(pair[1]));
            assertThat(ratio).as("%s on %s in %s", pair[0], pair[1], theme).isGreaterThanOrEqualTo(4.5);
        }
    }

    private static Map<String, String> palette(String file) throws IOException {
        try (InputStream in = DashboardWindow.class.getResourceAsStream(file)) {
            String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> colours = new HashMap<>();
            Matcher m = Pattern.compile("(-hr-[a-z0-9-]+):\\s*(#[0-9a-fA-F]{6});").matcher(css);
            while (m.find()) {
                colours.put(m.group(1), m.group(2));
            }
            return colours;
        }
    }

    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(String hex) {
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(hex.substring(1 + 2 * i, 3 + 2 * i), 16) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
