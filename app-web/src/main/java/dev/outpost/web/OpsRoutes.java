package dev.outpost.web;

import dev.outpost.application.OutpostCore;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, metrics, and the uploaded media served back (by generated name, with the sniffed type, never sniffed). */
final class OpsRoutes {
    private final OutpostCore core;
    private final WebMetrics metrics;
    private final UploadStore uploads;
    private final XMode mode;

    OpsRoutes(OutpostCore core, WebMetrics metrics, UploadStore uploads, XMode mode) {
        this.core = core;
        this.metrics = metrics;
        this.uploads = uploads;
        this.mode = mode;
    }

    void register(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                .result(metrics.scrape()));
        routes.get("/media/{name}", this::media);
    }

    private void health(Context ctx) {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("mode", mode.label());
        try {
            core.accounts().storageAnswers();
            health.put("storage", "up");
            health.put("status", "up");
            Json.send(ctx, 200, health);
        } catch (RuntimeException e) {
            health.put("storage", "down");
            health.put("status", "down");
            Json.send(ctx, 503, health);
        }
    }

    private void media(Context ctx) throws IOException {
        String name = ctx.pathParam("name");
        Path path = uploads.find(name).orElseThrow(() -> new WebError(404, "no such media"));
        ctx.header("Content-Disposition", "inline");
        ctx.contentType(UploadStore.contentType(name));
        ctx.header("Cache-Control", "private, max-age=3600");
        ctx.result(Files.newInputStream(path));
    }
}
