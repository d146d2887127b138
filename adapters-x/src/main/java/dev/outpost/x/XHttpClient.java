package dev.outpost.x;

import dev.outpost.ports.platform.TransferListener;
import feign.Client;
import feign.Request;
import feign.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Feign's transport over the JDK's HTTP/1.1 client. Unlike feign-java11 it streams a request body in slices, so the
 * {@link TransferListener} the calling thread registered with {@link #reportingTo} hears of the media bytes as the
 * connection takes them. Thread-safe; the listener is per calling thread, since a Feign call runs on its caller.
 */
final class XHttpClient implements Client {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    private static final int SLICE = 64 * 1024;
    private static final ThreadLocal<Progress> PROGRESS = new ThreadLocal<>();

    /** Who to tell about the bytes in [from, to) of the next request body sent from this thread. */
    record Progress(TransferListener listener, int from, int to) {
    }

    private final HttpClient http;
    private final Duration readTimeout;

    XHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /** Runs {@code call} with {@code progress} registered for the requests it sends on this thread. */
    static <T> T reportingTo(Progress progress, java.util.function.Supplier<T> call) {
        PROGRESS.set(progress);
        try {
            return call.get();
        } finally {
            PROGRESS.remove();
        }
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        byte[] body = request.body();
        // Read here, on the calling thread: the body is pulled later from the HTTP client's own threads.
        Progress progress = PROGRESS.get();
        HttpRequest.BodyPublisher publisher = body == null || body.length == 0
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new Counting(body, progress)), body.length);
        builder.method(request.httpMethod().name(), publisher);
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for X");
        }
        Map<String, Collection<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        answer.headers().map().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        return Response.builder()
                .status(answer.statusCode())
                .reason("")
                .headers(headers)
                .body(answer.body())
                .request(request)
                .build();
    }

    /** Feeds the body in slices and reports the part in the progress range as each slice is taken. */
    private static final class Counting extends InputStream {
        private final ByteArrayInputStream in;
        private final Progress progress;
        private int position;

        Counting(byte[] body, Progress progress) {
            this.in = new ByteArrayInputStream(body);
            this.progress = progress;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            int n = in.read(b, off, Math.min(len, SLICE));
            if (n > 0 && progress != null) {
                long inRange = Math.min(position + n, progress.to()) - Math.max(position, progress.from());
                if (inRange > 0) {
                    progress.listener().bytesSent(inRange);
                }
            }
            position += Math.max(n, 0);
            return n;
        }
    }
}
