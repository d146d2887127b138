package dev.outpost.cli.command;

import dev.outpost.application.OutpostCore;
import dev.outpost.application.OutpostException;
import dev.outpost.domain.post.Publication;
import dev.outpost.domain.post.PublicationId;
import dev.outpost.ports.storage.PublicationStore;
import java.util.List;

/** Finds a publication by its id, or by the first characters of it (at least 6) when they are unambiguous. */
final class PublicationFinder {
    private static final int SHORTEST_PREFIX = 6;

    private PublicationFinder() {
    }

    static Publication find(OutpostCore core, String text) {
        String wanted = text.trim();
        var exact = core.publications().find(new PublicationId(wanted));
        if (exact.isPresent()) {
            return exact.get();
        }
        if (wanted.length() >= SHORTEST_PREFIX) {
            List<Publication> matches = core.publications().list(PublicationStore.Query.all()).stream()
                    .filter(p -> p.id().value().startsWith(wanted)).toList();
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.size() > 1) {
                throw OutpostException.invalid("ID", "'" + wanted + "' begins " + matches.size() + " publication ids;"
                        + " give more of it");
            }
        }
        throw OutpostException.invalid("ID", "no publication '" + wanted + "'; see `outpost publications list`");
    }
}
