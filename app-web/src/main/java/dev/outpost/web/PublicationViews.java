package dev.outpost.web;

import dev.outpost.application.Platforms;
import dev.outpost.domain.post.MediaAttachment;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationState;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A publication as the API and the pages show it: no local paths, media served from /media by generated name. */
final class PublicationViews {
    static final String UNCONFIRMED_EXPLAINED = "The platform did not say whether the post was created (the request"
            + " timed out, the connection dropped, or it answered with a server error). Outpost does not post again"
            + " blindly: it reads the account's recent posts to find this one. If it appears, the publication becomes"
            + " published; if it does not appear after a grace period, Outpost sends it once more. If Outpost cannot"
            + " read the account's posts, look at the profile before publishing it again.";

    private final Platforms platforms;
    private final UploadStore uploads;

    PublicationViews(Platforms platforms, UploadStore uploads) {
        this.platforms = platforms;
        this.uploads = uploads;
    }

    Map<String, Object> view(Publication p) {
        Map<String, Object> view = new LinkedHashMap<>();
        String id = p.id().value();
        view.put("id", id);
        view.put("account", p.account().value());
        view.put("state", stateName(p.state()));
        view.put("text", p.draft().text());
        view.put("replyTo", p.draft().replyToPostId());
        view.put("scheduledAt", p.draft().scheduledAt());
        view.put("createdAt", p.createdAt());
        view.put("updatedAt", p.updatedAt());
        view.put("postId", p.remotePostId());
        view.put("postUrl", postUrl(p).map(URI::toString).orElse(null));
        view.put("failure", p.failure());
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
            item.put("alt", m.altText());
            item.put("url", uploads.holds(m.file().path()) ? "/media/" + m.file().path().getFileName() : null);
            media.add(item);
        }
        view.put("media", media);
        view.put("retryable", p.state() == PublicationState.FAILED);
        view.put("cancellable", p.state().canMoveTo(PublicationState.CANCELLED));
        view.put("links", Map.of("self", "/api/publications/" + id, "events", "/api/publications/" + id + "/events",
                "page", "/publications/" + id));
        return view;
    }

    /** Where people see the post, as its platform links it (the sandbox's own page in sandbox mode). */
    Optional<URI> postUrl(Publication p) {
        if (p.remotePostId() == null) {
            return Optional.empty();
        }
        return Optional.of(platforms.of(p.account()).publisher().postUrl(p.remotePostId()));
    }

    static String stateName(PublicationState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
