package io.headroom.sources.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import io.headroom.sources.oauth.FakeUsageEndpoint.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 5-minute budget holds across processes: separate JVMs on one data folder, started to read at
 * the same wall-clock moment and the same refresh instant, ask the endpoint once between them.
 */
class TwoProcessBudgetTest {

    private static final Instant T0 = Instant.parse("2026-07-25T06:00:00Z");

    @TempDir
    Path home;
    private final FakeUsageEndpoint fake = new FakeUsageEndpoint().reply(Reply.ok(UsageBodies.limits()));

    @AfterEach
    void stop() {
        fake.close();
    }

    private List<Process> start(int count, Instant now) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // Far enough ahead that every JVM is up and has opened the database when it comes.
        long go = System.currentTimeMillis() + 4000;
        List<Process> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    OauthRefreshOnce.class.getName(), home.toString(), fake.base().toString(),
                    Long.toString(now.toEpochMilli()), Long.toString(go)).redirectErrorStream(true).start());
        }
        return out;
    }

    private static List<String> finish(List<Process> processes) throws Exception {
        List<String> states = new ArrayList<>();
        for (Process p : processes) {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(out).isZero();
            states.add(out.lines().filter(l -> l.startsWith("state=")).findFirst().orElse(out));
        }
        return states;
    }

    @Test
    void twoProcessesReadingAtOnceAskOnceAndTheNextTurnIsFiveMinutesLater() throws Exception {
        OauthLogins.write(home, FakeUsageEndpoint.TOKEN, T0.plus(Duration.ofHours(8)));

        List<String> first = finish(start(2, T0));
        assertThat(fake.requests()).isEqualTo(1);
        // The winner read; the other waited, seeing the winner's status if it was stored by then.
        assertThat(first).contains("state=on").allMatch(st -> st.equals("state=on") || st.equals("state=not_read_yet"));

        // A minute later another process finds the last read fresh and does not ask.
        assertThat(finish(start(1, T0.plusSeconds(60)))).containsExactly("state=on");
        assertThat(fake.requests()).isEqualTo(1);

        List<String> later = finish(start(2, T0.plus(Duration.ofMinutes(5))));
        assertThat(fake.requests()).isEqualTo(2);
        assertThat(later).containsExactly("state=on", "state=on");
    }
}
