package io.headroom.app;

import io.headroom.config.DataDirectory;
import io.headroom.config.PriceTableLoader;
import io.headroom.store.NativeLibrary;
import io.headroom.work.BackgroundWork;

/**
 * Start-up work every data command needs whatever its arguments: SQLite's native library, Jackson
 * and the shipped price table. Done on a second thread while the first parses the command line,
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
            } catch (Exception | LinkageError e) {
                // Only a head start: the command does all of this itself when it needs it.
            }
        });
    }
}
