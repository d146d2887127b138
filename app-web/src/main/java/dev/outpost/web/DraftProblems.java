package dev.outpost.web;

import dev.outpost.application.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every problem of one draft, in the user's terms: the web app's own ones (a refused file, a bad schedule) as they
 * are, the core's renumbered from the files it saw to the files the user attached, with the user's file names
 * instead of stored paths. Each problem once. Not thread-safe; one request.
 */
final class DraftProblems {
    private static final Pattern MEDIA_FIELD = Pattern.compile("^media\\[(\\d+)]");

    private final List<DraftReceiver.Upload> accepted;
    private final Set<String> judgedHere;
    private final List<Problem> all = new ArrayList<>();

    /**
     * @param accepted the files handed to the core, in its order; the core's {@code media[k]} is the k-th of them
     * @param judgedHere fields the web app checks itself: when it found a problem there, the core's words on that
     *     field are dropped (the user already has the web app's, in their time zone)
     */
    DraftProblems(List<DraftReceiver.Upload> accepted, Set<String> judgedHere) {
        this.accepted = List.copyOf(accepted);
        this.judgedHere = Set.copyOf(judgedHere);
    }

    /** A problem already in the user's terms. */
    void add(Problem problem) {
        if (!all.contains(problem)) {
            all.add(problem);
        }
    }

    /** The core's problems, each translated once into the user's terms. */
    void addFromCore(List<Problem> problems) {
        for (Problem problem : problems) {
            boolean judged = judgedHere.contains(problem.field())
                    && all.stream().anyMatch(own -> own.field().equals(problem.field()));
            if (!judged) {
                add(shown(problem));
            }
        }
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    List<Problem> list() {
        return List.copyOf(all);
    }

    /** The 422 that lists them all. */
    WebError error() {
        return new WebError(422, all.size() == 1 ? all.get(0).message() : all.size() + " problems; see each field",
                all);
    }

    private Problem shown(Problem problem) {
        String field = problem.field();
        String message = problem.message();
        Matcher m = MEDIA_FIELD.matcher(field);
        if (m.find()) {
            int k = Integer.parseInt(m.group(1));
            if (k < accepted.size()) {
                field = "media[" + accepted.get(k).index() + "]" + field.substring(m.end());
            }
        }
        for (DraftReceiver.Upload upload : accepted) {
            message = message.replace(upload.path().toString(), upload.clientName())
                    .replace(upload.path().getFileName().toString(), upload.clientName());
        }
        return new Problem(field, message);
    }
}
