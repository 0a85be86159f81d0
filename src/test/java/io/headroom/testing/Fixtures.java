package io.headroom.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The real Claude Code data in src/test/resources/fixtures, copied where a test may change it. */
public final class Fixtures {

    public static final String PROJECT = "-home-dev-cc-project";

    private Fixtures() {
    }

    public static Path resource(String path) {
        URL url = Fixtures.class.getResource("/fixtures/" + path);
        if (url == null) {
            throw new IllegalStateException("missing test resource fixtures/" + path);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the fixture Claude folder (projects/…) into {@code target} and returns target. */
    public static Path claudeDir(Path target) {
        Path source = resource("claude-code");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    public static Path session(Path claudeDir, String sessionFileStem) {
        return claudeDir.resolve("projects").resolve(PROJECT).resolve(sessionFileStem + ".jsonl");
    }
}
