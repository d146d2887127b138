package dev.outpost.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.outpost.domain.media.MediaKind;
import dev.outpost.domain.post.RemotePost;
import dev.outpost.domain.post.TextLimit;
import dev.outpost.ports.platform.AccountAccess;
import dev.outpost.ports.platform.PlatformException;
import dev.outpost.ports.platform.PostPublisher;
import dev.outpost.ports.platform.PostRequest;
import dev.outpost.ports.platform.Settlement;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Bluesky posts, exactly once (FACTS §4–5): a post is a record of the account's repository under a key chosen before
 * the first attempt (the publication's idempotency key, a TID), written with {@code putRecord} and
 * {@code swapRecord: null}, "only if no record is there yet". Sending it again can never make a second post: the same
 * record is a no-op, a different one (a later {@code createdAt}) is refused {@code InvalidSwap}, and either way the
 * record under the key is the post, read back with {@code getRecord}. So {@link #deduplicates()} holds and a lost
 * answer is simply sent again; {@link #settle} reads the key too.
 *
 * <p>The record carries the text with its facets (links, mentions, hashtags by UTF-8 byte offsets), the images with
 * alt text and aspect ratio or the video, the languages chosen, and for a reply the strong references of the thread's
 * root and of the parent. Thread-safe.
 */
final class BlueskyPostPublisher implements PostPublisher {
    static final String COLLECTION = "app.bsky.feed.post";
    private static final Pattern WEB_LINK = Pattern.compile("^https?://[^/]+/profile/([^/]+)/post/([A-Za-z0-9._:~-]+)"
            + "/?(?:[?#].*)?$");
    private static final Pattern AT_URI = Pattern.compile("^at://([^/]+)/" + Pattern.quote(COLLECTION)
            + "/([A-Za-z0-9._:~-]+)$");
    private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ISO_INSTANT;

    private final Xrpc xrpc;
    private final IdentityResolver identities;
    private final URI webUrl;
    private final Clock clock;
    private final Tid tids = new Tid();

    BlueskyPostPublisher(Xrpc xrpc, IdentityResolver identities, URI webUrl, Clock clock) {
        this.xrpc = xrpc;
        this.identities = identities;
        this.webUrl = webUrl;
        this.clock = clock;
    }

    @Override
    public RemotePost publish(AccountAccess access, PostRequest request) {
        checkText(request.text());
        SessionState session = SessionState.of(access);
        ObjectNode record = record(access, session, request);
        ObjectNode body = Xrpc.JSON.createObjectNode().put("repo", session.did()).put("collection", COLLECTION)
                .put("rkey", request.idempotencyKey()).put("validate", true);
        body.set("record", record);
        body.putNull("swapRecord");
        XrpcCall call = XrpcCall.procedure(session.pds(), "com.atproto.repo.putRecord", body)
                .auth(Auth.of(access, clock)).creating();
        try {
            JsonNode written = xrpc.send(call);
            return remote(session, written.path("uri").asText(), written.path("cid").asText(), record.path("reply"));
        } catch (PlatformException.InvalidRequest e) {
            if (!"InvalidSwap".equals(e.code())) {
                throw e;
            }
            // An earlier attempt of this publication wrote the record: that is the post.
            return read(access, session, request.idempotencyKey()).orElseThrow(() -> e);
        }
    }

    @Override
    public Settlement settle(AccountAccess access, PostRequest request, Instant since) {
        // The key belongs to this publication alone: whatever the record's time, it is this post.
        return read(access, SessionState.of(access), request.idempotencyKey())
                .<Settlement>map(Settlement.Found::new).orElseGet(() -> new Settlement.Absent(null));
    }

    @Override
    public boolean deduplicates() {
        return true;
    }

    /** A TID: the record key of the publication's post. */
    @Override
    public String newIdempotencyKey(Instant now, RandomGenerator random) {
        return tids.next(now, random);
    }

    /** Refuses text over either of Bluesky's limits before anything is sent, as the server would (400). */
    static void checkText(String text) {
        for (TextLimit limit : BlueskyRules.TEXT_LIMITS) {
            int count = limit.count(text);
            if (count > limit.max()) {
                throw new PlatformException.InvalidRequest("text-too-long", "the text is " + count + " " + limit.unit()
                        + " long; Bluesky takes at most " + limit.max() + " " + limit.unit());
            }
        }
    }

    private ObjectNode record(AccountAccess access, SessionState session, PostRequest request) {
        ObjectNode record = Xrpc.JSON.createObjectNode().put("$type", COLLECTION).put("text", request.text())
                .put("createdAt", CREATED_AT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        String langs = request.options().get("langs");
        if (langs != null && !langs.isBlank()) {
            ArrayNode list = record.putArray("langs");
            Arrays.stream(langs.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().limit(3)
                    .forEach(list::add);
        }
        ArrayNode facets = Facets.of(request.text(), handle -> didOf(session, handle));
        if (!facets.isEmpty()) {
            record.set("facets", facets);
        }
        embed(request).ifPresent(embed -> record.set("embed", embed));
        if (request.replyTo() != null && !request.replyTo().isBlank()) {
            record.set("reply", replyTo(access, session, request.replyTo()).json());
        }
        return record;
    }

    private static Optional<ObjectNode> embed(PostRequest request) {
        if (request.media().isEmpty()) {
            return Optional.empty();
        }
        long videos = request.media().stream().filter(m -> m.type().kind() == MediaKind.VIDEO).count();
        if (videos > 0) {
            if (request.media().size() > 1) {
                throw new PlatformException.InvalidRequest("invalid-media", "a Bluesky post carries one video alone, "
                        + "or up to " + BlueskyRules.MAX_IMAGES + " images");
            }
            PostRequest.Media video = request.media().get(0);
            BlobRef ref = BlobRef.decode(video.ref());
            ObjectNode embed = Xrpc.JSON.createObjectNode().put("$type", "app.bsky.embed.video");
            embed.set("video", ref.blob());
            if (video.altText() != null) {
                embed.put("alt", video.altText());
            }
            aspectRatio(embed, ref);
            return Optional.of(embed);
        }
        if (request.media().size() > BlueskyRules.MAX_IMAGES) {
            throw new PlatformException.InvalidRequest("invalid-media", "a Bluesky post carries at most "
                    + BlueskyRules.MAX_IMAGES + " images, not " + request.media().size());
        }
        ObjectNode embed = Xrpc.JSON.createObjectNode().put("$type", "app.bsky.embed.images");
        ArrayNode images = embed.putArray("images");
        for (PostRequest.Media media : request.media()) {
            BlobRef ref = BlobRef.decode(media.ref());
            ObjectNode image = images.addObject();
            image.set("image", ref.blob());
            image.put("alt", media.altText() == null ? "" : media.altText());
            aspectRatio(image, ref);
        }
        return Optional.of(embed);
    }

    private static void aspectRatio(ObjectNode node, BlobRef ref) {
        if (ref.aspectRatio() != null) {
            node.putObject("aspectRatio").put("width", ref.aspectRatio().width())
                    .put("height", ref.aspectRatio().height());
        }
    }

    /** Root and parent of a reply: a reference this plugin returned, or a post the user named by link or URI. */
    private ReplyRef replyTo(AccountAccess access, SessionState session, String replyTo) {
        Optional<ReplyRef> ours = ReplyRef.decode(replyTo);
        if (ours.isPresent()) {
            return ours.get();
        }
        String typed = replyTo.strip();
        Matcher m = WEB_LINK.matcher(typed);
        if (!m.matches()) {
            m = AT_URI.matcher(typed);
        }
        if (!m.matches()) {
            throw new PlatformException.InvalidRequest("invalid-reply", "'" + replyTo + "' is neither a link to a "
                    + "Bluesky post (https://bsky.app/profile/<handle>/post/<id>) nor an at:// URI of one");
        }
        String actor = m.group(1);
        String did = IdentityResolver.isDid(actor) ? actor : didOf(session, actor).orElseThrow(() ->
                new PlatformException.InvalidRequest("invalid-reply", "no Bluesky account @" + actor + " was found"));
        URI pds = did.equals(session.did()) ? session.pds() : identities.pds(did);
        String rkey = m.group(2);
        JsonNode target = getRecord(pds, did, rkey, did.equals(session.did()) ? access : null).orElseThrow(() ->
                new PlatformException.InvalidRequest("invalid-reply", "the post " + replyTo + " does not exist"));
        return ReplyRef.to(target.path("uri").asText(), target.path("cid").asText(), target.path("value")
                .path("reply"));
    }

    /** The DID of a handle: our own, the PDS's answer, or the handle's own DNS or web server. */
    private Optional<String> didOf(SessionState session, String handle) {
        if (handle.equalsIgnoreCase(session.handle())) {
            return Optional.of(session.did());
        }
        try {
            String did = xrpc.send(XrpcCall.query(session.pds(), "com.atproto.identity.resolveHandle")
                    .param("handle", handle)).path("did").asText("");
            if (IdentityResolver.isDid(did)) {
                return Optional.of(did);
            }
        } catch (PlatformException.InvalidRequest notFound) {
            // the PDS does not know it: ask the handle's own DNS or web server
        }
        try {
            return Optional.of(identities.did(handle));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    private Optional<RemotePost> read(AccountAccess access, SessionState session, String rkey) {
        return getRecord(session.pds(), session.did(), rkey, access).map(found -> remote(session,
                found.path("uri").asText(), found.path("cid").asText(), found.path("value").path("reply")));
    }

    private Optional<JsonNode> getRecord(URI pds, String did, String rkey, AccountAccess access) {
        XrpcCall call = XrpcCall.query(pds, "com.atproto.repo.getRecord").param("repo", did)
                .param("collection", COLLECTION).param("rkey", rkey);
        if (access != null) {
            call = call.auth(Auth.of(access, clock));
        }
        try {
            return Optional.of(xrpc.send(call));
        } catch (PlatformException.InvalidRequest e) {
            if ("RecordNotFound".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private RemotePost remote(SessionState session, String uri, String cid, JsonNode reply) {
        String rkey = uri.substring(uri.lastIndexOf('/') + 1);
        URI link = URI.create(webUrl.toString().replaceAll("/+$", "") + "/profile/" + session.handle() + "/post/"
                + rkey);
        return new RemotePost(uri, link, ReplyRef.to(uri, cid, reply).encode());
    }
}
