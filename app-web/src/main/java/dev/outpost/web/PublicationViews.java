package dev.outpost.web;

import dev.outpost.application.PublicationDetails;
import dev.outpost.application.Publications;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import dev.outpost.domain.upload.UploadCheckpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A publication as the API and the pages show it: no local paths, media served from /media by generated name. */
final class PublicationViews {
    static final String UNCONFIRMED_EXPLAINED = "The platform did not say whether the post was created (the request"
            + " timed out, the connection dropped, or it answered with a server error). Outpost does not post again"
            + " blindly: it reads the account's recent posts to find this one. If it appears, the publication becomes"
            + " published; if it does not appear after a grace period, Outpost sends it once more. If Outpost cannot"
            + " read the account's posts, look at the profile before publishing it again.";

    private final Publications publications;
    private final UploadStore uploads;

    PublicationViews(Publications publications, UploadStore uploads) {
        this.publications = publications;
        this.uploads = uploads;
    }

    Map<String, Object> view(Publication p) {
        return view(publications.details(p));
    }

    Map<String, Object> view(PublicationDetails details) {
        Publication p = details.publication();
        Map<String, Object> view = new LinkedHashMap<>();
        String id = p.id().value();
        view.put("id", id);
        view.put("account", p.account().value());
        view.put("accountName", details.accountName());
        view.put("platform", details.platformName());
        view.put("state", stateName(p.state()));
        view.put("text", p.draft().text());
        view.put("replyTo", p.draft().replyTo());
        view.put("options", p.draft().options());
        view.put("scheduledAt", p.draft().scheduledAt());
        view.put("createdAt", p.createdAt());
        view.put("updatedAt", p.updatedAt());
        view.put("postId", p.remotePostId());
        view.put("postUrl", details.url().map(URI::toString).orElse(null));
        Map<String, String> names = fileNames(p);
        view.put("failure", p.failure() == null ? null : FailureText.userNames(p.failure(), names));
        if (p.state() == PublicationState.FAILED && p.failure() != null) {
            FailureText.Explained explained = FailureText.explain(p.failure(), names, details.platformName());
            Map<String, Object> failure = new LinkedHashMap<>();
            failure.put("summary", explained.summary());
            failure.put("advice", explained.advice());
            failure.put("details", explained.details());
            view.put("failureExplained", failure);
        }
        if (p.state() == PublicationState.UNCONFIRMED) {
            view.put("explanation", UNCONFIRMED_EXPLAINED);
        }
        List<Map<String, Object>> media = new ArrayList<>();
        List<MediaAttachment> attachments = p.draft().media();
        for (int i = 0; i < attachments.size(); i++) {
            MediaAttachment m = attachments.get(i);
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", i);
            item.put("type", m.file().type().mimeType());
            item.put("kind", m.file().kind().name().toLowerCase(Locale.ROOT));
            item.put("size", m.file().size());
            item.put("name", uploads.clientName(m.file().path()).orElse(null));
            item.put("alt", m.altText());
            item.put("focus", m.focus() == null ? null : m.focus().text());
            item.put("url", mediaUrl(m.file().path()));
            item.put("upload", details.upload(i).map(PublicationViews::upload).orElse(null));
            media.add(item);
        }
        view.put("media", media);
        if (p.placement() != null) {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("id", p.placement().group().value());
            group.put("item", p.placement().item());
            group.put("follows", p.placement().follows() == null ? null : p.placement().follows().value());
            group.put("page", "/publications/group/" + p.placement().group().value());
            view.put("group", group);
        }
        view.put("retryable", p.state() == PublicationState.FAILED);
        view.put("cancellable", p.state().canMoveTo(PublicationState.CANCELLED));
        view.put("links", Map.of("self", "/api/publications/" + id, "events", "/api/publications/" + id + "/events",
                "page", "/publications/" + id));
        return view;
    }

    /** The user's name of each attached file, by its stored name. */
    Map<String, String> fileNames(Publication p) {
        Map<String, String> names = new LinkedHashMap<>();
        for (MediaAttachment m : p.draft().media()) {
            uploads.clientName(m.file().path()).ifPresent(name -> names.put(m.file().path().getFileName().toString(),
                    name));
        }
        return names;
    }

    /** Where an attachment's upload stands, as journaled: its phase and the bytes the platform holds. */
    private static Map<String, Object> upload(UploadCheckpoint checkpoint) {
        Map<String, Object> upload = new LinkedHashMap<>();
        upload.put("phase", checkpoint.phase().name().toLowerCase(Locale.ROOT));
        upload.put("bytesAcknowledged", checkpoint.bytesAcknowledged());
        upload.put("totalBytes", checkpoint.file().size());
        return upload;
    }

    /** An upload's standing for people: "3 MiB of 9 MiB held by the platform", "processing", "uploaded and ready". */
    static String describe(UploadCheckpoint checkpoint) {
        return switch (checkpoint.phase()) {
            case UPLOADING -> UploadStore.human(checkpoint.bytesAcknowledged()) + " of "
                    + UploadStore.human(checkpoint.file().size()) + " sent";
            case PROCESSING -> "processing";
            case READY -> "uploaded and ready";
        };
    }

    static String stateName(PublicationState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** Where the browser may load a stored file (the web app's own uploads only), or null. */
    String mediaUrl(java.nio.file.Path path) {
        return uploads.holds(path) ? "/media/" + path.getFileName() : null;
    }
}
