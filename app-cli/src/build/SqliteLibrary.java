import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Build step of the launcher (see pom.xml), run as a source file with the launcher jar on the class path: copies the
 * SQLite driver's native library for this machine out of the jar into {@code DIR/libsqlitejdbc.so} (or the
 * platform's name). The launcher points the driver at it, so no run extracts its own copy into the temporary
 * directory (a megabyte written and hashed at each start, and a clean-up that parallel runs trip over). A JVM on
 * another platform ignores it and extracts as usual.
 *
 * <p>Usage: {@code java -cp outpost.jar SqliteLibrary.java DIR}.
 */
public final class SqliteLibrary {
    private SqliteLibrary() {
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: SqliteLibrary DIR");
        }
        // The driver's own answer to "which library fits this machine", read reflectively: it is on the class path
        // given to this program, not on the compiler's.
        Class<?> loader = Class.forName("org.sqlite.util.LibraryLoaderUtil");
        String folder = (String) loader.getMethod("getNativeLibResourcePath").invoke(null);
        String name = (String) loader.getMethod("getNativeLibName").invoke(null);
        String resource = folder + "/" + name;
        Path target = Path.of(args[0]).resolve(name);
        Files.createDirectories(target.getParent());
        try (InputStream in = SqliteLibrary.class.getClassLoader().getResourceAsStream(resource.substring(1))) {
            if (in == null) {
                System.err.println("SqliteLibrary: no " + resource + " in the jar; runs extract it themselves");
                return;
            }
            Path temporary = Files.createTempFile(target.getParent(), name, ".tmp");
            Files.copy(in, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
