import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Build step of the launcher's class-data archive (see pom.xml), run as a source file: merges class lists (the JDK's
 * own, then the classes a sandboxed training run loaded), drops the embedded sandbox's server classes (a real run
 * never loads them, and every archived class costs memory at each start) and duplicates, and writes the list that
 * {@code java -Xshare:dump} archives.
 *
 * <p>Usage: {@code java ClassList.java OUT EXCLUDED_PREFIXES LIST...}, prefixes comma-separated as in
 * {@code io/javalin/,org/eclipse/jetty/}.
 */
public final class ClassList {
    private ClassList() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: ClassList OUT EXCLUDED_PREFIXES LIST...");
        }
        List<String> excluded = Arrays.asList(args[1].split(","));
        Set<String> lines = new LinkedHashSet<>();
        for (String list : Arrays.copyOfRange(args, 2, args.length)) {
            if (!Files.isReadable(Path.of(list))) {
                System.err.println("ClassList: no " + list + ", skipped");
                continue;
            }
            for (String line : Files.readAllLines(Path.of(list))) {
                if (!line.isBlank() && !line.startsWith("#") && !excluded(line, excluded)) {
                    lines.add(line);
                }
            }
        }
        Files.write(Path.of(args[0]), new ArrayList<>(lines));
    }

    /** A class line names the class first; a lambda proxy line names the class that asked for it second. */
    private static boolean excluded(String line, List<String> prefixes) {
        String[] words = line.split(" ", 3);
        String type = words[0].startsWith("@lambda-proxy") && words.length > 1 ? words[1] : words[0];
        return prefixes.stream().anyMatch(type::startsWith);
    }
}
