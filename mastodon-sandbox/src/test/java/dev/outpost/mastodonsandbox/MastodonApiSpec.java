package dev.outpost.mastodonsandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Validates recorded exchanges against Mastodon's OpenAPI description ({@code ../shared/mastodon/openapi.json}
 * beside the repository root, or {@code $OUTPOST_MASTODON_OPENAPI}). The few places where the description and
 * Mastodon (and its clients) differ are tolerated, each named where it is handled.
 */
final class MastodonApiSpec {
    private static OpenApiInteractionValidator validator;

    private MastodonApiSpec() {
    }

    /** The description, or empty when it is not there (a clone without ../shared). */
    static Optional<Path> locate() {
        String override = System.getenv("OUTPOST_MASTODON_OPENAPI");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isRegularFile);
        }
        Path dir;
        try {
            dir = Path.of("").toAbsolutePath().toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        for (; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                Path spec = dir.resolveSibling("shared").resolve("mastodon").resolve("openapi.json");
                return Files.isRegularFile(spec) ? Optional.of(spec) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String whereItWasLookedFor() {
        return "../shared/mastodon/openapi.json beside the repository root (from " + Path.of("").toAbsolutePath()
                + "), or $OUTPOST_MASTODON_OPENAPI";
    }

    static synchronized OpenApiInteractionValidator validator(Path spec) {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(OpenApi30.convert(spec))
                    // TextStatus is allOf [BaseStatus, {status}]: judged merged, not part by part (each part closed)
                    .withResolveCombinators(true)
                    .withLevelResolver(LevelResolver.create()
                            // the observer sees a masked token: presence is all the description can check
                            .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                            .build())
                    .build();
        }
        return validator;
    }

    /** Collects exchanges from a sandbox, for validation after the run. */
    static final class Recorder implements ExchangeObserver {
        final ConcurrentLinkedQueue<Exchange> exchanges = new ConcurrentLinkedQueue<>();

        @Override
        public void onExchange(Exchange exchange) {
            exchanges.add(exchange);
        }
    }

    /**
     * Every problem found, one line each; empty when the exchanges match the description.
     *
     * @param checkRequests false for tests that send bad requests on purpose: only the answers are held to it
     */
    static List<String> problems(Path spec, Iterable<ExchangeObserver.Exchange> exchanges, boolean checkRequests) {
        List<String> problems = new ArrayList<>();
        for (ExchangeObserver.Exchange e : exchanges) {
            if (e.endpoint() == null || e.connectionDropped()) {
                continue;
            }
            ValidationReport report = checkRequests ? validator(spec).validate(request(e), response(e))
                    : validator(spec).validateResponse(e.path(), Request.Method.valueOf(e.method()), response(e));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR && !documentedDeviation(e, m)) {
                    problems.add(e.method() + " " + e.path() + " -> " + e.status() + ": [" + m.getKey() + "] "
                            + m.getMessage() + nested(m, "  "));
                }
            }
        }
        return problems;
    }

    private static String nested(ValidationReport.Message m, String indent) {
        StringBuilder out = new StringBuilder();
        for (ValidationReport.Message n : m.getNestedMessages()) {
            out.append('\n').append(indent).append(n.getMessage()).append(nested(n, indent + "  "));
        }
        return out.toString();
    }

    private static boolean documentedDeviation(ExchangeObserver.Exchange e, ValidationReport.Message m) {
        String key = m.getKey();
        // The authorize endpoint answers a browser: the consent page (200, HTML) or a redirect back (302). The
        // description lists only its JSON errors, and the consent form's own POST is a web page, not the API.
        if (e.endpoint() == Endpoint.AUTHORIZE && (e.method().equals("POST") || key.startsWith("validation.response")
                || key.equals("validation.request.operation.notAllowed"))) {
            return true;
        }
        // Doorkeeper answers a revocation with {} as JSON (masto.js reads every answer as JSON); the description
        // gives the 200 no body.
        if (e.endpoint() == Endpoint.REVOKE && e.status() == 200 && key.equals("validation.response.body.unexpected")) {
            return true;
        }
        // FACTS §3: a file over the largest cap is refused with 413 by the front end, before Mastodon sees it
        if (e.endpoint() == Endpoint.MEDIA_CREATE && e.status() == 413 && key.equals("validation.response.status.unknown")) {
            return true;
        }
        // The description types the Idempotency-Key header as an object; it is any string (FACTS §4)
        if (key.equals("validation.request.parameter.schema.invalidJson") && e.endpoint() == Endpoint.STATUS_CREATE
                && e.requestHeaders().containsKey("idempotency-key")) {
            return true;
        }
        // Mastodon refuses a token without read:statuses on the account's statuses with 403 (authorize_if_got_token!),
        // which the description does not list
        if (e.endpoint() == Endpoint.ACCOUNT_STATUSES && e.status() == 403
                && key.equals("validation.response.status.unknown")) {
            return true;
        }
        // Mastodon answers a poll of media still processing with 206 and the MediaAttachment (url null), which
        // masto.js reads; the description gives 206 no body.
        return e.endpoint() == Endpoint.MEDIA_GET && e.status() == 206 && key.startsWith("validation.response.body");
    }

    private static Request request(ExchangeObserver.Exchange e) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(e.method(), e.path());
        e.query().forEach(b::withQueryParam);
        e.requestHeaders().forEach(b::withHeader);
        if (!e.multipartParts().isEmpty()) {
            b.withBody(multipart(e), StandardCharsets.UTF_8);
        } else if (e.requestBody() != null && e.requestBody().length > 0) {
            b.withBody(new String(e.requestBody(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** The multipart body again, its text parts as sent and its file part a few stand-in bytes. */
    private static String multipart(ExchangeObserver.Exchange e) {
        String type = e.requestHeaders().getOrDefault("content-type", "");
        String boundary = type.replaceFirst("(?i).*boundary=\"?([^\";]+)\"?.*", "$1");
        StringBuilder body = new StringBuilder();
        for (String part : e.multipartParts()) {
            String value = e.multipartFields().get(part);
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(part)
                    .append('"').append(value == null ? "; filename=\"file\"\r\nContent-Type: application/octet-stream"
                            : "").append("\r\n\r\n").append(value == null ? "AAAA" : value).append("\r\n");
        }
        return body.append("--").append(boundary).append("--\r\n").toString();
    }

    private static SimpleResponse response(ExchangeObserver.Exchange e) {
        SimpleResponse.Builder b = new SimpleResponse.Builder(e.status());
        e.responseHeaders().forEach(b::withHeader);
        if (e.responseContentType() != null) {
            b.withContentType(e.responseContentType());
        }
        if (e.responseBody() != null) {
            b.withBody(new String(e.responseBody(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    /** For tests whose subject is not the description: validates the answers when it is there, else says why not. */
    static void assertAnswersMatchSpec(Recorder recorder, boolean checkRequests) {
        Optional<Path> spec = locate();
        if (spec.isEmpty()) {
            System.out.println("Not validating against Mastodon's OpenAPI description: not found at "
                    + whereItWasLookedFor());
            return;
        }
        List<String> problems = problems(spec.get(), List.copyOf(recorder.exchanges), checkRequests);
        recorder.exchanges.clear();
        if (!problems.isEmpty()) {
            throw new AssertionError("exchanges that do not match Mastodon's OpenAPI description:\n"
                    + String.join("\n", problems));
        }
    }

    static Map<String, Long> countByPath(Iterable<ExchangeObserver.Exchange> exchanges) {
        Map<String, Long> counts = new TreeMap<>();
        exchanges.forEach(e -> counts.merge(e.method() + " " + e.path().replaceAll("[0-9]{6,}", "{id}"), 1L,
                Long::sum));
        return counts;
    }
}
