package dev.tokenomics.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for the tests and {@code bench team}: initdb into a new temp
 * folder, a server on a free loopback port, removed on {@link #close} (and at JVM exit). The
 * binaries are the machine's own (Debian's postgresql package: /usr/lib/postgresql/N/bin, or
 * initdb on PATH). PostgreSQL refuses to run as root, so as root the folder is given to the
 * {@code postgres} user and the binaries run under runuser.
 *
 * <p>Durability is switched off (fsync, synchronous_commit, full_page_writes): a scratch cluster
 * is deleted anyway, and the tests measure behaviour, not disks.
 */
public final class ScratchPostgres implements AutoCloseable {
    public static final String USER = "tokenomics";

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();
    private final Thread cleanup;
    private boolean closed;

    private ScratchPostgres(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
        this.cleanup = new Thread(this::stopQuietly, "scratch-postgres-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** The folder of initdb and pg_ctl, or null when this machine has no PostgreSQL server binaries. */
    public static Path findBinaries() {
        List<Path> candidates = new ArrayList<>();
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin")).sorted(Comparator.reverseOrder()).forEach(candidates::add);
            } catch (IOException e) {
                // fall through to PATH
            }
        }
        for (String p : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!p.isBlank()) {
                candidates.add(Path.of(p));
            }
        }
        for (Path c : candidates) {
            if (Files.isExecutable(c.resolve("initdb")) && Files.isExecutable(c.resolve("pg_ctl"))
                    && Files.isExecutable(c.resolve("postgres"))) {
                return c;
            }
        }
        return null;
    }

    /** Starts a new cluster; fails with what went wrong (initdb's or the server's own words). */
    public static ScratchPostgres start() {
        Path bin = findBinaries();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl, postgres) under "
                    + "/usr/lib/postgresql/*/bin or on PATH: install Debian's postgresql package");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("tokenomics-pg-");
            ScratchPostgres pg = new ScratchPostgres(bin, dir, freePort(), root);
            try {
                pg.init();
                return pg;
            } catch (RuntimeException e) {
                pg.close();
                throw e;
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a scratch PostgreSQL folder: " + e.getMessage(), e);
        }
    }

    private void init() throws IOException {
        Path data = dir.resolve("data");
        if (asPostgresUser) {
            run(List.of("chown", "postgres:postgres", dir.toString()), false);
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--no-locale", "--no-sync"), asPostgresUser);
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-o", options, "-w", "-t", "60", "start"), asPostgresUser);
    }

    /** A new empty database on this cluster; its JDBC URL (user in it, no password: trust on loopback). */
    public String newDatabase(String prefix) {
        String name = (prefix + "_" + databases.incrementAndGet()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"));
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name); // name made of [a-z0-9_] above
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** The libpq form of {@link #jdbcUrl}, as people write it (and as psql takes it). */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    public Path binaries() {
        return bin;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopQuietly();
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs stopQuietly, which is done
        }
    }

    private void stopQuietly() {
        try {
            Path data = dir.resolve("data");
            if (Files.isDirectory(data)) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"),
                        asPostgresUser);
            }
        } catch (RuntimeException | IOException e) {
            // stopping is best effort; the folder goes below either way
        }
        deleteTree(dir);
    }

    private void run(List<String> command, boolean asPostgres) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path log = Files.createTempFile("tokenomics-pg-cmd-", ".log");
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in 120 s");
            }
            if (p.exitValue() != 0) {
                String serverLog = Files.isRegularFile(dir.resolve("server.log"))
                        ? Files.readString(dir.resolve("server.log")) : "";
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ": "
                        + Files.readString(log).strip() + (serverLog.isBlank() ? "" : "\nserver log:\n" + serverLog));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // left for the OS's temp cleanup
                }
            });
        } catch (IOException e) {
            // same
        }
    }
}
