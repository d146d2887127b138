package dev.outpost.web;

import dev.outpost.application.PlatformCatalog;
import dev.outpost.application.Problem;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/uploads}: files sent ahead of a JSON compose ({@code multipart/form-data}, any field names, up to
 * {@link DraftReceiver#MAX_FILES}), stored as the compose form stores them and answered with the id a JSON compose
 * names them by ({@code "media": [{"upload": id, "alt": …}]}). The size cap is the largest any platform takes; the
 * core checks each file against each target's own rules when the compose comes. A file that is no accepted image or
 * video is refused by name (422), one over the cap stops the request (413).
 */
final class UploadRoutes {
    private final UploadStore uploads;
    private final PlatformCatalog platforms;

    UploadRoutes(UploadStore uploads, PlatformCatalog platforms) {
        this.uploads = uploads;
        this.platforms = platforms;
    }

    void register(RoutesConfig routes) {
        routes.post("/api/uploads", this::receive);
    }

    private void receive(Context ctx) throws IOException {
        String boundary = MultipartStream.boundaryOf(ctx.contentType());
        if (boundary == null) {
            throw new WebError(415, "send the files as multipart/form-data (curl -F 'file=@photo.jpg')");
        }
        List<Map<String, Object>> stored = new ArrayList<>();
        List<UploadStore.Stored> kept = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (InputStream body = ctx.req().getInputStream()) {
            MultipartStream stream = new MultipartStream(body, boundary);
            Optional<MultipartStream.Part> next;
            while ((next = stream.next()).isPresent()) {
                MultipartStream.Part part = next.get();
                if (!part.isFile() || part.fileName().isEmpty()) {
                    continue;
                }
                if (stored.size() + problems.size() >= DraftReceiver.MAX_FILES) {
                    throw new WebError(413, "more than " + DraftReceiver.MAX_FILES + " files in one request");
                }
                String shown = DraftReceiver.clientName(part.fileName());
                try {
                    UploadStore.Stored file = uploads.receive(part.body(), shown, kind -> platforms.platforms()
                            .stream().mapToLong(p -> platforms.defaults(p.id()).maxBytes(kind)).max().orElse(0));
                    kept.add(file);
                    Map<String, Object> view = new LinkedHashMap<>();
                    view.put("id", file.path().getFileName().toString());
                    view.put("name", shown);
                    view.put("type", file.type().mimeType());
                    view.put("size", file.size());
                    view.put("url", "/media/" + file.path().getFileName());
                    stored.add(view);
                } catch (UploadStore.Refused refused) {
                    String field = part.name();
                    if (refused.tooLarge()) {
                        throw new WebError(413, refused.getMessage(), List.of(new Problem(field, refused.getMessage())));
                    }
                    problems.add(new Problem(field, refused.getMessage()));
                }
            }
        } catch (IOException | RuntimeException e) {
            kept.forEach(f -> uploads.delete(f.path()));
            if (e instanceof MultipartStream.MalformedMultipart) {
                throw new WebError(400, "the request is not well-formed multipart: " + e.getMessage());
            }
            throw e;
        }
        if (!problems.isEmpty()) {
            kept.forEach(f -> uploads.delete(f.path()));
            throw new WebError(422, problems.size() == 1 ? problems.get(0).message()
                    : problems.size() + " problems; see each field", problems);
        }
        if (stored.isEmpty()) {
            throw new WebError(422, "no file in the request", List.of(new Problem("file", "attach a file: -F"
                    + " 'file=@photo.jpg'")));
        }
        Json.send(ctx, 201, Map.of("uploads", stored));
    }
}
