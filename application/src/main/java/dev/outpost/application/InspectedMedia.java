package dev.outpost.application;

import dev.outpost.domain.media.MediaFile;
import dev.outpost.domain.post.FocalPoint;
import dev.outpost.domain.post.MediaAttachment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One post's files as the user listed them, each inspected once: the attachments that could be read, where each
 * stood in the user's list (the validator numbers only those it sees), and every problem of the files and focal
 * points in the user's numbering.
 */
record InspectedMedia(List<MediaAttachment> attachments, List<Integer> positions, List<Problem> problems) {
    private static final Pattern MEDIA_FIELD = Pattern.compile("^media\\[(\\d+)](.*)$");

    InspectedMedia {
        attachments = List.copyOf(attachments);
        positions = List.copyOf(positions);
        problems = List.copyOf(problems);
    }

    static InspectedMedia of(List<DraftInput.Attachment> media, MediaInspector inspector) {
        List<MediaAttachment> attachments = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < media.size(); i++) {
            DraftInput.Attachment attachment = media.get(i);
            FocalPoint focus = null;
            if (attachment.focus() != null) {
                try {
                    focus = FocalPoint.parse(attachment.focus());
                } catch (IllegalArgumentException bad) {
                    problems.add(new Problem("media[" + i + "].focus", attachment.file().getFileName() + ": "
                            + bad.getMessage()));
                }
            }
            try {
                MediaFile file = inspector.inspect(attachment.file(), "media[" + i + "]");
                attachments.add(new MediaAttachment(file, attachment.altText(), focus));
                positions.add(i);
            } catch (OutpostException bad) {
                problems.addAll(bad.problems());
            }
        }
        return new InspectedMedia(attachments, positions, problems);
    }

    /** {@code media[i]…} of the validated list becomes {@code media[j]…} of the user's list. */
    String renumber(String field) {
        Matcher m = MEDIA_FIELD.matcher(field);
        if (!m.matches()) {
            return field;
        }
        return "media[" + positions.get(Integer.parseInt(m.group(1))) + "]" + m.group(2);
    }
}
