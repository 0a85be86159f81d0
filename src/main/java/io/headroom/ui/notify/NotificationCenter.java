package io.headroom.ui.notify;

import io.headroom.config.SentLedgerFile;
import io.headroom.config.Settings;
import io.headroom.domain.notify.Notification;
import io.headroom.domain.notify.NotificationPolicy;
import io.headroom.domain.notify.NotificationText;
import io.headroom.domain.notify.SentLedger;
import io.headroom.domain.windows.WindowEngine;
import io.headroom.domain.windows.WindowStatus;
import io.headroom.service.WindowsService;
import io.headroom.service.refresh.RefreshListener;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * After each refresh (on the refresh thread): asks {@link NotificationPolicy} what to send for
 * the 5-hour, weekly and per-model windows, records it in the ledger file first (so a crash
 * right after cannot repeat it), then hands each message to the sink.
 */
public final class NotificationCenter implements RefreshListener {

    private static final Logger LOG = Logger.getLogger(NotificationCenter.class.getName());

    private final Path ledgerFile;
    private final Supplier<Settings> settings;
    private final NotificationSink sink;
    private SentLedger ledger;

    public NotificationCenter(Path ledgerFile, Supplier<Settings> settings, NotificationSink sink) {
        this.ledgerFile = ledgerFile;
        this.settings = settings;
        this.sink = sink;
    }

    @Override
    public synchronized void refreshed(Instant now, WindowsService.Snapshot snapshot) {
        if (ledger == null) {
            ledger = SentLedgerFile.load(ledgerFile);
        }
        Settings s;
        try {
            s = settings.get();
        } catch (IllegalArgumentException unreadable) {
            s = Settings.empty(); // the Overview reports the file; the default thresholds still apply
        }
        WindowEngine.Result r = snapshot.result();
        List<WindowStatus> statuses = new ArrayList<>(List.of(r.fiveHour(), r.weekly()));
        statuses.addAll(r.weeklyByModel());
        NotificationPolicy.Decision d = NotificationPolicy.decide(statuses, now,
                new NotificationPolicy.Thresholds(s.notifyAtPercent(), s.notifyOnReset()), ledger);
        if (!d.ledger().equals(ledger)) {
            try {
                SentLedgerFile.save(ledgerFile, d.ledger());
            } catch (IOException e) {
                LOG.log(Level.WARNING, "cannot record the notifications sent; they may repeat after a restart", e);
            }
            ledger = d.ledger();
        }
        for (Notification n : d.send()) {
            try {
                sink.deliver(n, NotificationText.title(n), NotificationText.body(n, now, snapshot.zone()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a notification could not be shown", e);
            }
        }
    }
}
