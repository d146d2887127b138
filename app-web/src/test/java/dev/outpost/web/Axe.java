package dev.outpost.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (the npm package pinned by src/test/node/package-lock.json) injected into the page the browser shows.
 * node_modules is installed with {@code npm ci} when missing; without npm the accessibility checks are skipped with a
 * message, except under {@code CI=true}, where that is a failure.
 */
final class Axe {
    static final Path NODE_DIR = Path.of("src", "test", "node");
    private static final Path SCRIPT = NODE_DIR.resolve("node_modules/axe-core/axe.min.js");
    private static String source;

    private Axe() {
    }

    /** One rule broken on the page: its id, impact, help text and the elements concerned. */
    record Violation(String id, String impact, String help, List<String> nodes) {
        boolean seriousOrWorse() {
            return "serious".equals(impact) || "critical".equals(impact);
        }

        @Override
        public String toString() {
            return impact + " " + id + " (" + help + "): " + String.join(" | ", nodes);
        }
    }

    /** Runs axe on the current page (WCAG 2.x A and AA rules, and axe's best practices). */
    static List<Violation> check(ChromeDriver browser) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeScript(source());
        Object result = browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) {"
                + "  done(JSON.stringify(r.violations.map(function (v) { return {id: v.id, impact: v.impact,"
                + "    help: v.help, nodes: v.nodes.map(function (n) { return n.target.join(' ') + ': '"
                + "    + n.failureSummary; })}; })));"
                + "}).catch(function (e) { done('ERROR ' + e); });");
        String json = String.valueOf(result);
        if (json.startsWith("ERROR")) {
            throw new AssertionError("axe failed: " + json);
        }
        try {
            List<Violation> violations = new ArrayList<>();
            for (JsonNode v : Json.MAPPER.readTree(json)) {
                List<String> nodes = new ArrayList<>();
                v.get("nodes").forEach(n -> nodes.add(n.asText()));
                violations.add(new Violation(v.get("id").asText(), v.get("impact").asText(), v.get("help").asText(),
                        nodes));
            }
            return violations;
        } catch (IOException e) {
            throw new AssertionError("axe's answer is not JSON: " + json, e);
        }
    }

    private static synchronized String source() {
        if (source == null) {
            try {
                if (!Files.isRegularFile(SCRIPT)) {
                    install();
                }
                source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new AssertionError("cannot read " + SCRIPT.toAbsolutePath(), e);
            }
        }
        return source;
    }

    /** {@code npm ci} in src/test/node, or a skip (a failure under CI) when npm is not there. */
    private static void install() throws IOException {
        String why = null;
        try {
            Path log = Files.createDirectories(Path.of("target")).resolve("npm-ci-axe.txt");
            Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(NODE_DIR.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(180, TimeUnit.SECONDS)) {
                npm.destroyForcibly();
                throw new AssertionError("npm ci timed out in " + NODE_DIR.toAbsolutePath());
            }
            if (npm.exitValue() != 0) {
                throw new AssertionError("npm ci failed in " + NODE_DIR.toAbsolutePath() + ":\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
        } catch (IOException notOnPath) {
            why = "npm is not on PATH, so axe-core (the accessibility checker) cannot be installed: install Node.js"
                    + " 20 and npm, or run 'npm ci' in app-web/src/test/node";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (why != null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + " (CI=true, so this is a failure, not a skip)");
            }
            System.out.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
    }
}
