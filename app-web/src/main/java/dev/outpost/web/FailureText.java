package dev.outpost.web;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a publication failed, for people: what happened, in their words and with their file names, and what to do;
 * the platform's own words stay as details (behind a toggle on the page). The core's failure texts have a few
 * shapes (a file the platform refused, an upload that stopped, processing that took too long, a post the platform
 * refused, an account to connect again); anything else is shown as it is. Stateless.
 */
final class FailureText {
    private static final Pattern REFUSED_FILE = Pattern.compile("^(.+?): (.+?) refused it: (.+)$", Pattern.DOTALL);
    private static final Pattern UPLOAD_FAILED = Pattern.compile("^(.+?): the upload failed: (.+)$", Pattern.DOTALL);
    private static final Pattern PROCESSING_SLOW = Pattern.compile(
            "^(.+?): the platform did not finish processing within (\\d+) min.*$", Pattern.DOTALL);
    private static final Pattern POST_FAILED = Pattern.compile("^publishing to (.+?) failed: (.+)$", Pattern.DOTALL);
    private static final Pattern RECONNECT = Pattern.compile("no longer connected|must be connected again"
            + "|connect (it|the account) again|reconnect", Pattern.CASE_INSENSITIVE);

    private FailureText() {
    }

    /**
     * @param summary what happened, one sentence
     * @param advice what to do about it
     * @param details the failure as recorded (with the user's file names), or null when the summary says it all
     */
    record Explained(String summary, String advice, String details) {
    }

    /**
     * @param raw the failure as the core recorded it
     * @param fileNames the user's name of each stored file, by stored file name
     * @param platform the platform's name, for sentences that need it
     */
    static Explained explain(String raw, Map<String, String> fileNames, String platform) {
        String text = userNames(raw, fileNames).strip();
        Matcher m;
        if ((m = REFUSED_FILE.matcher(text)).matches()) {
            return new Explained(m.group(2) + " did not accept " + m.group(1) + ".", "Compose the post again with"
                    + " another file, or with this one in another format or a smaller size.", text);
        }
        if ((m = PROCESSING_SLOW.matcher(text)).matches()) {
            return new Explained(platform + " did not finish processing " + m.group(1) + " within " + m.group(2)
                    + " minutes.", "Retry later: Outpost goes on waiting for the same upload, without sending it"
                    + " again.", text);
        }
        if ((m = UPLOAD_FAILED.matcher(text)).matches()) {
            return new Explained("The upload of " + m.group(1) + " did not finish.", "Retry: the upload continues"
                    + " where it stopped.", text);
        }
        if (RECONNECT.matcher(text).find()) {
            return new Explained("The account needs to be connected again.", "Reconnect it on the Accounts page,"
                    + " then retry.", text);
        }
        if ((m = POST_FAILED.matcher(text)).matches()) {
            return new Explained(m.group(1) + " did not accept the post.", "Retry once; if it fails again, the"
                    + " details say what " + m.group(1) + " objected to: compose the post again without it.", text);
        }
        if (text.contains("duplicate")) {
            return new Explained(text.endsWith(".") ? text : text + ".", "Change the text, then compose it again.",
                    null);
        }
        return new Explained("Publishing did not finish.", "Retry; if it fails again, the details say why.", text);
    }

    /** The failure with each stored file's name replaced by the user's (also inside paths). */
    static String userNames(String raw, Map<String, String> fileNames) {
        String text = raw == null ? "" : raw;
        for (Map.Entry<String, String> name : fileNames.entrySet()) {
            text = text.replaceAll("[^\\s:'\"]*" + Pattern.quote(name.getKey()), Matcher.quoteReplacement(
                    name.getValue()));
        }
        return text;
    }
}
