package dev.outpost.mastodon;

import feign.Client;
import feign.Request;
import feign.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Feign's transport over the JDK's HTTP/1.1 client. A {@link MultipartBody} the calling thread registered with
 * {@link #sending} is streamed from its file as the connection takes it (Feign itself carries no bytes of it).
 * Thread-safe; the registration is per calling thread, since a Feign call runs on its caller.
 */
final class MastodonHttpClient implements Client {
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");
    /** A streamed body for the next request from this thread. */
    private static final ThreadLocal<MultipartBody> OUTGOING = new ThreadLocal<>();

    private final HttpClient http;
    private final Duration readTimeout;

    MastodonHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.readTimeout = readTimeout;
    }

    /**
     * Runs {@code call}, whose request must carry {@code body} (encoded by {@link MastodonCodec} as its content type only),
     * streaming the body from its file.
     */
    static <T> T sending(MultipartBody body, Supplier<T> call) {
        OUTGOING.set(body);
        try {
            return call.get();
        } finally {
            OUTGOING.remove();
        }
    }

    @Override
    public Response execute(Request request, Request.Options options) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
        request.headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> builder.header(name, v));
            }
        });
        MultipartBody outgoing = OUTGOING.get();
        boolean streamed = outgoing != null && contentType(request).equals(outgoing.contentType());
        List<InputStream> opened = new CopyOnWriteArrayList<>();
        HttpRequest.BodyPublisher publisher;
        if (streamed) {
            // Pulled later from the HTTP client's own threads, once per attempt.
            publisher = HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                InputStream in = outgoing.open();
                opened.add(in);
                return in;
            }), outgoing.length());
        } else {
            byte[] body = request.body();
            publisher = body == null || body.length == 0
                    ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        }
        builder.method(request.httpMethod().name(), publisher);
        HttpResponse<byte[]> answer;
        try {
            answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the Mastodon server");
        } catch (IOException e) {
            MultipartBody.FileChangedException changed = fileChanged(e);
            if (changed != null) {
                // Not a network failure, so not for Feign to call retryable: the file must be inspected again.
                throw new UncheckedIOException(changed.getMessage(), changed);
            }
            throw e;
        } finally {
            for (InputStream in : opened) {
                in.close();
            }
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

    private static String contentType(Request request) {
        return request.headers().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase("content-type") && !e.getValue().isEmpty())
                .map(e -> e.getValue().iterator().next())
                .findFirst().orElse("");
    }

    private static MultipartBody.FileChangedException fileChanged(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MultipartBody.FileChangedException changed) {
                return changed;
            }
        }
        return null;
    }
}
