package dev.tokenomics.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * sqlite-jdbc copies its native library into the temp folder under a new name on every start and
 * removes it at exit; a process killed with -9 leaves it behind, and every one-shot command pays
 * for the copy. Here the library is copied once per sqlite-jdbc version into
 * {@code $HOME/.tokenomics/lib/} (the user's own folder, not a shared one another user could plant a
 * library in) and loaded from there through sqlite-jdbc's documented {@code org.sqlite.lib.path}
 * and {@code org.sqlite.lib.name} properties. Any failure falls back to sqlite-jdbc's own way.
 */
final class NativeLibrary {
    private static final Logger log = LoggerFactory.getLogger(NativeLibrary.class);
    private static boolean done;

    private NativeLibrary() {}

    static synchronized void useCachedCopy() {
        if (done || System.getProperty("org.sqlite.lib.path") != null) {
            return;
        }
        done = true;
        try {
            String name = System.mapLibraryName("sqlitejdbc");
            String home = System.getenv("HOME");
            Path base = Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
            // Keyed by the JVM's own os.name and os.arch: sqlite-jdbc's folder name for this platform
            // (OSInfo) runs `uname -o` in a subprocess, 20 ms of every command, so it is asked only
            // when the copy is made. Should the copy not load (a home shared with a musl machine of
            // the same arch), sqlite-jdbc goes on to its own extraction.
            Path dir = base.resolve(".tokenomics").resolve("lib").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion())
                    .resolve((System.getProperty("os.name") + "-" + System.getProperty("os.arch")).replaceAll("[^A-Za-z0-9._-]", "_"));
            Path lib = dir.resolve(name);
            if (!Files.isRegularFile(lib)) {
                String resource = "/org/sqlite/native/" + OSInfo.getNativeLibFolderPathForCurrentOS() + "/" + name;
                try (InputStream in = NativeLibrary.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        return; // a platform sqlite-jdbc has no bundled library for: let it decide
                    }
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, name, ".tmp");
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        try {
                            Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE);
                        } catch (AtomicMoveNotSupportedException e) {
                            Files.move(tmp, lib, StandardCopyOption.REPLACE_EXISTING);
                        }
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            System.setProperty("org.sqlite.lib.path", dir.toString());
            System.setProperty("org.sqlite.lib.name", name);
        } catch (IOException | RuntimeException e) {
            log.debug("keeping sqlite-jdbc's own native library extraction: {}", e.toString());
        }
    }
}
