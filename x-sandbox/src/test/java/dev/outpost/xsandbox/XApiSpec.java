package dev.outpost.xsandbox;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Validates recorded exchanges against X's OpenAPI spec, found at {@code ../shared/x-api/openapi.json}
 * beside the repository root. Only the deviations FACTS.md documents as real X behaviour that the
 * spec gets wrong are tolerated; each is named where it is handled.
 */
final class XApiSpec {
    private static OpenApiInteractionValidator validator;

    private XApiSpec() {
    }

    /** The spec file, or empty (with the reason) when it is not there, e.g. a clone without shared/. */
    static Optional<Path> locate() {
        String override = System.getenv("OUTPOST_X_OPENAPI");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isRegularFile);
        }
        Path dir;
        try {
            dir = Path.of("").toAbsolutePath().toRealPath();
        } catch (IOException e) {
            return Optional.empty();
        }
        // the repository root is the nearest ancestor with the Maven wrapper; shared/ sits beside it
        for (; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                Path spec = dir.resolveSibling("shared").resolve("x-api").resolve("openapi.json");
                return Files.isRegularFile(spec) ? Optional.of(spec) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    static String whereItWasLookedFor() {
        return "../shared/x-api/openapi.json beside the repository root (from " + Path.of("").toAbsolutePath()
                + "), or $OUTPOST_X_OPENAPI";
    }

    static synchronized OpenApiInteractionValidator validator(Path spec) {
        if (validator == null) {
            validator = OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
                    .withLevelResolver(LevelResolver.create()
                            // the sandbox hands the observer a masked token; presence is what the spec can check
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

    /** Every problem found, one line each; empty when the exchanges match the spec. */
    static List<String> problems(Path spec, Iterable<ExchangeObserver.Exchange> exchanges) {
        return problems(spec, exchanges, true);
    }

    /**
     * @param checkRequests false for tests that send bad requests on purpose: then only the
     *                      sandbox's answers are held to the spec
     */
    static List<String> problems(Path spec, Iterable<ExchangeObserver.Exchange> exchanges, boolean checkRequests) {
        List<String> problems = new ArrayList<>();
        for (ExchangeObserver.Exchange e : exchanges) {
            if (!e.path().startsWith("/2/") || e.path().startsWith("/2/oauth2/") || e.connectionDropped()) {
                // the OAuth endpoints are not in the OpenAPI document (they are described in the docs'
                // OAuth pages, FACTS §4), and a dropped connection has no response to check
                continue;
            }
            ValidationReport report = checkRequests ? validator(spec).validate(request(e), response(e))
                    : validator(spec).validateResponse(e.path(), com.atlassian.oai.validator.model.Request.Method.valueOf(e.method()), response(e));
            for (ValidationReport.Message m : report.getMessages()) {
                if (m.getLevel() == ValidationReport.Level.ERROR && !documentedDeviation(e, m)) {
                    problems.add(e.method() + " " + e.path() + " -> " + e.status() + ": [" + m.getKey() + "] " + m.getMessage());
                }
            }
        }
        return problems;
    }

    private static boolean documentedDeviation(ExchangeObserver.Exchange e, ValidationReport.Message m) {
        String key = m.getKey();
        // FACTS §1: FINALIZE has no body in the spec, but twitter-api-v2 sends {} and X accepts it
        if (e.path().endsWith("/finalize") && key.equals("validation.request.body.unexpected")) {
            return true;
        }
        // FACTS §2: X answers APPEND with 204 and no body, where the spec only describes a 200 body
        if (e.path().endsWith("/append") && e.status() == 204 && key.startsWith("validation.response.body")) {
            return true;
        }
        // FACTS §3: a segment that is too large gets 413 with an empty body
        if (e.path().endsWith("/append") && e.status() == 413 && key.equals("validation.response.body.missing")) {
            return true;
        }
        // FACTS §5: v2.167 renamed the array to edit_history_post_ids; live X and its clients use edit_history_tweet_ids
        if (key.equals("validation.response.body.schema.additionalProperties")
                && m.getMessage().contains("edit_history_tweet_ids")) {
            return true;
        }
        JsonNode body = responseJson(e);
        // FACTS §4-§6: X's 401/403/429/5xx problems are type "about:blank", which the spec's Problem
        // discriminator (a closed list of api.x.com kinds) cannot describe
        if (body != null && "about:blank".equals(body.path("type").asText()) && key.startsWith("validation.response.body.schema")) {
            return true;
        }
        // FACTS §2 [U]: processing_info.error {code,name,message} is read by clients but missing from the v2 spec
        return body != null && body.at("/data/processing_info").has("error")
                && key.equals("validation.response.body.schema.additionalProperties")
                && m.getMessage().contains("error");
    }

    private static Request request(ExchangeObserver.Exchange e) {
        SimpleRequest.Builder b = new SimpleRequest.Builder(e.method(), e.path());
        e.query().forEach(b::withQueryParam);
        e.requestHeaders().forEach((name, value) -> b.withHeader(name, value));
        if (!e.multipartParts().isEmpty()) {
            // the validator cannot read multipart bodies; the spec gives the same schema for JSON, so
            // check the part names and text values as the equivalent JSON object
            ObjectNode json = Json.MAPPER.createObjectNode();
            for (String part : e.multipartParts()) {
                String value = e.multipartFields().get(part);
                if (value == null) {
                    json.put(part, "AAAA"); // the binary part, as base64
                } else if (value.matches("-?[0-9]+")) {
                    json.put(part, Long.parseLong(value));
                } else {
                    json.put(part, value);
                }
            }
            b.withHeader("content-type", "application/json").withBody(Json.text(json));
        } else if (e.requestBody() != null && e.requestBody().length > 0) {
            b.withBody(new String(e.requestBody(), StandardCharsets.UTF_8));
        }
        return b.build();
    }

    private static SimpleResponse response(ExchangeObserver.Exchange e) {
        SimpleResponse.Builder b = new SimpleResponse.Builder(e.status());
        if (e.responseContentType() != null) {
            b.withContentType(e.responseContentType());
        }
        if (e.responseBody() != null) {
            // FACTS §6: live X still names problem types on api.twitter.com; the spec's discriminator uses api.x.com
            String body = new String(e.responseBody(), StandardCharsets.UTF_8)
                    .replace("https://api.twitter.com/2/problems/", "https://api.x.com/2/problems/");
            b.withBody(withoutProblemErrors(body));
        }
        return b.build();
    }

    /**
     * FACTS §5-§6: X's invalid-request problems carry the specifics in a top-level errors[] that
     * the spec's InvalidRequestProblem does not list (the validator closes every schema), so it is
     * checked apart: each entry must have a message. The rest of the problem is validated as is.
     */
    private static String withoutProblemErrors(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (node instanceof ObjectNode problem && problem.has("type") && problem.has("title") && problem.has("errors")) {
                problem.get("errors").forEach(error -> {
                    if (!error.path("message").isTextual()) {
                        throw new AssertionError("a problem's errors[] entry without a message: " + body);
                    }
                });
                problem.remove("errors");
                return Json.text(problem);
            }
            return body;
        } catch (IOException ex) {
            return body;
        }
    }

    private static JsonNode responseJson(ExchangeObserver.Exchange e) {
        try {
            return e.responseBody() == null ? null : Json.MAPPER.readTree(e.responseBody());
        } catch (IOException ex) {
            return null;
        }
    }

    /** For tests whose main subject is not the spec: validates the answers when the spec is there, else says why not. */
    static void assertAnswersMatchSpec(Recorder recorder) {
        Optional<Path> spec = locate();
        if (spec.isEmpty()) {
            System.out.println("Not validating answers: X's OpenAPI spec not found at " + whereItWasLookedFor());
            return;
        }
        List<String> problems = problems(spec.get(), List.copyOf(recorder.exchanges), false);
        recorder.exchanges.clear();
        if (!problems.isEmpty()) {
            throw new AssertionError("answers that do not match X's OpenAPI spec:\n" + String.join("\n", problems));
        }
    }

    static Map<String, Long> countByPath(Iterable<ExchangeObserver.Exchange> exchanges) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        exchanges.forEach(e -> counts.merge(e.method() + " " + e.path().replaceAll("[0-9]{6,}", "{id}"), 1L, Long::sum));
        return counts;
    }
}
