package io.headroom.app;

import io.headroom.config.DataDirectory;
import io.headroom.config.PriceTableLoader;
import io.headroom.ingest.claudecode.ClaudeCodeImporter;
import io.headroom.ingest.claudecode.ClaudeDirectories;
import io.headroom.store.NativeLibrary;
import io.headroom.work.BackgroundWork;
import java.nio.file.Path;
import java.util.List;

/**
 * Start-up work every data command needs whatever its arguments: SQLite's native library, Jackson
 * and the shipped price table; and the default Claude folders' listing for the import most of them
 * start with. Done on a second thread while the first parses the command line,
 * which takes as long; on two cores that hides most of both.
 */
final class Warmup {

    private Warmup() {
    }

    static void start(DataDirectory data) {
        BackgroundWork.start("headroom-warmup", () -> {
            try {
                data.ensureExists();
                NativeLibrary.prepare(data.path());
                org.sqlite.SQLiteJDBCLoader.initialize();
                PriceTableLoader.preload();
                // Most commands import first: the default folders' walk (90 ms for 2,500 transcripts)
                // is done here, while the main thread is still parsing the command line.
                ClaudeCodeImporter.listAhead(ClaudeDirectories.discover(List.of(), System.getenv(),
                        Path.of(System.getProperty("user.home"))).projectRoots());
            } catch (Exception | LinkageError e) {
                // Only a head start: the command does all of this itself when it needs it.
            }
        });
    }
}
