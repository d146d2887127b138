package dev.outpost.cli.command;

import dev.outpost.application.OutpostException;
import dev.outpost.application.Problem;
import java.util.ArrayList;
import java.util.List;

/**
 * The posts of a thread written in one file: each post's text, separated by a line holding only {@code ---} (spaces
 * around it allowed). Blank lines around a post are not part of it; a post with no text at all is refused, naming
 * the file and the post's number, since a platform would refuse it anyway.
 */
final class ThreadFile {
    static final String SEPARATOR = "---";

    private ThreadFile() {
    }

    /**
     * @param name the file as the user named it, for messages
     * @param content the whole file
     * @return the posts' texts in order
     */
    static List<String> parse(String name, String content) {
        List<String> posts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : content.replace("\r\n", "\n").split("\n", -1)) {
            if (line.strip().equals(SEPARATOR)) {
                posts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        posts.add(current.toString().strip());
        // A separator closing the file (or a file ending in blank lines after one) leaves no post behind it.
        if (posts.size() > 1 && posts.get(posts.size() - 1).isEmpty()) {
            posts.remove(posts.size() - 1);
        }
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            if (posts.get(i).isEmpty()) {
                problems.add(new Problem("--file", name + ": post " + (i + 1) + " of " + posts.size()
                        + " has no text (posts are separated by a line holding only " + SEPARATOR + ")"));
            }
        }
        if (!problems.isEmpty()) {
            throw OutpostException.invalid(problems);
        }
        return posts;
    }
}
