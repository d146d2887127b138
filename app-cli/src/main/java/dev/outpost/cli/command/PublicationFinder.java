package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.domain.post.GroupId;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.PublicationStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds a publication, or a group (what one cross-post or thread made), by its id or by the first characters of it
 * (at least 6) when they are unambiguous.
 */
final class PublicationFinder {
    private static final int SHORTEST_PREFIX = 6;

    /** What an id named: a publication, or a group (exactly one of the two is set). */
    record Found(Publication publication, GroupId group) {
        boolean isGroup() {
            return group != null;
        }
    }

    private PublicationFinder() {
    }

    static Publication find(OutpostCore core, String text) {
        Found found = findAny(core, text, false);
        return found.publication();
    }

    /** A publication's id, or a group's. */
    static Found findPublicationOrGroup(OutpostCore core, String text) {
        return findAny(core, text, true);
    }

    private static boolean isGroup(OutpostCore core, GroupId id) {
        try {
            return !core.publications().group(id).publications().isEmpty();
        } catch (OutpostException unknown) {
            return false;
        }
    }

    private static Found findAny(OutpostCore core, String text, boolean groups) {
        String wanted = text.trim();
        var exact = core.publications().find(new PublicationId(wanted));
        if (exact.isPresent()) {
            return new Found(exact.get(), null);
        }
        if (groups && !wanted.isEmpty() && isGroup(core, GroupId.of(wanted))) {
            return new Found(null, GroupId.of(wanted));
        }
        if (wanted.length() >= SHORTEST_PREFIX) {
            List<Publication> all = core.publications().list(PublicationStore.Query.all());
            Set<Object> matches = new LinkedHashSet<>();
            for (Publication p : all) {
                if (p.id().value().startsWith(wanted)) {
                    matches.add(p);
                }
                if (groups && p.placement() != null && p.placement().group().value().startsWith(wanted)) {
                    matches.add(p.placement().group());
                }
            }
            if (matches.size() == 1) {
                Object match = matches.iterator().next();
                return match instanceof GroupId group ? new Found(null, group) : new Found((Publication) match, null);
            }
            if (matches.size() > 1) {
                throw OutpostException.invalid("ID", "'" + wanted + "' begins " + matches.size()
                        + (groups ? " publication and group ids" : " publication ids") + "; give more of it");
            }
        }
        throw OutpostException.invalid("ID", "no publication " + (groups ? "or group " : "") + "'" + wanted
                + "'; see `outpost publications list`");
    }
}
