package io.headroom.sources;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One GET to a usage service (Anthropic's OAuth endpoint, claude.ai), bounded as a whole: the
 * client's own request timeout covers only the wait for headers, so a body that stalls after them
 * would otherwise hang a refresh. No redirects are followed, so a login never travels to another host.
 */
public final class UsageRequest {

    /** What came of the request. */
    public sealed interface Outcome permits Answered, TimedOut, Interrupted, Unreachable {
    }

    public record Answered(HttpResponse<String> response) implements Outcome {
    }

    public record TimedOut() implements Outcome {
    }

    public record Interrupted() implements Outcome {
    }

    /** Never reached; the cause's message is not for the user (it may echo the request). */
    public record Unreachable(Throwable cause) implements Outcome {
    }

    private final Duration timeout;
    private final ExecutorService executor;
    /**
     * Built at the first request: a client starts a selector thread and loads TLS, about 0.15 s of
     * start-up that every command paid although most never ask (no login, nothing due).
     */
    private HttpClient client;

    public UsageRequest(Duration timeout, ExecutorService executor) {
        this.timeout = timeout;
        this.executor = executor;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                    .executor(executor).build();
        }
        return client;
    }

    /** @param headers name, value, name, value… beside Accept: application/json and User-Agent: headroom */
    public Outcome get(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.header("Accept", "application/json").header("User-Agent", "headroom");
        CompletableFuture<HttpResponse<String>> pending = client().sendAsync(b.build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            return new Answered(pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new TimedOut();
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            return new Interrupted();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return cause instanceof HttpTimeoutException ? new TimedOut() : new Unreachable(cause);
        }
    }
}
