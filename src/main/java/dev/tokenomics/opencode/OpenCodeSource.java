package dev.tokenomics.opencode;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.ImportCursor;
import dev.tokenomics.ledger.SourceBatch;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.transcripts.AgentSource;
import dev.tokenomics.transcripts.FilePipeline;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.Tally;
import dev.tokenomics.transcripts.TranscriptImporter;
import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenCode: {@code $OPENCODE_DATA_DIR} (comma-separated, as ccusage reads it), else
 * {@code $XDG_DATA_HOME/opencode}, else {@code ~/.local/share/opencode}: the SQLite file
 * {@code opencode.db} (and channel files {@code opencode-*.db}), read-only, and the legacy JSON storage
 * {@code storage/message/<session>/<message>.json}. The counting rules are {@link OpenCodeMessage}'s.
 *
 * <p>The same message may sit in a database and in the JSON storage (OpenCode migrated one into the
 * other): the database is read first and its rows replace stored events of the same key (a message's
 * tokens are written when its steps finish), then a JSON file's message already stored is a copy
 * ({@code duplicates_skipped}). A database keeps one cursor in import_state: its size and time, its WAL
 * file's (OpenCode writes through WAL, so the main file may not change), and the newest
 * {@code time_updated} read; an unchanged database is not opened, a changed one is read from that time
 * on. A JSON file keeps a cursor of its size and time and is read again whole when it changed.
 */
public final class OpenCodeSource implements AgentSource {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Database rows committed together: bounded memory for a large file, one transaction per chunk. */
    static final int ROWS_PER_COMMIT = 20_000;

    @Override
    public String name() {
        return Sources.OPENCODE;
    }

    @Override
    public String dirOption() {
        return "--opencode-dir";
    }

    @Override
    public List<Path> defaultDirs(Map<String, String> env) {
        String configured = env.get("OPENCODE_DATA_DIR");
        List<Path> out = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String raw : configured.split(",")) {
                Path p = Path.of(raw.strip());
                if (!raw.isBlank() && Files.isDirectory(p) && !out.contains(p)) {
                    out.add(p);
                }
            }
            return out;
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path dir = xdg != null && !xdg.isBlank() ? Path.of(xdg.strip()).resolve("opencode")
                : AgentSource.home(env).resolve(".local/share/opencode");
        return Files.isRegularFile(dir.resolve("opencode.db")) || Files.isDirectory(dir.resolve("storage/message"))
                ? List.of(dir) : List.of();
    }

    @Override
    public ImportSummary importFrom(TokenLedger ledger, List<Path> dirs, TranscriptImporter.Progress progress) {
        long t0 = System.nanoTime();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException("opencode dirs: " + d + " is not a directory");
            }
        }
        Tally unreadable = new Tally();
        List<Path> dbs = new ArrayList<>();
        Map<Path, BasicFileAttributes> jsons = new java.util.TreeMap<>();
        for (Path d : dirs) {
            Path root = d.toAbsolutePath().normalize();
            dbs.addAll(databases(root, unreadable));
            Path messages = root.resolve("storage").resolve("message");
            if (Files.isDirectory(messages)) {
                walk(messages, jsons, unreadable);
            }
        }
        Map<String, ImportCursor> cursors = ledger.imports().importCursors(Sources.OPENCODE);
        Counts n = new Counts();
        SourceBatch.Outcome fromDb = SourceBatch.Outcome.NONE;
        for (Path db : dbs) {
            try {
                fromDb = fromDb.plus(database(ledger, db, cursors.get(db.toString()), n));
            } catch (IOException | IllegalStateException e) {
                unreadable.add(db + ": " + e.getMessage());
            }
        }
        // The legacy storage is thousands of small files OpenCode no longer writes: the walk's own
        // attributes tell an unchanged one, without another stat or a hand-off.
        List<Path> changed = new ArrayList<>();
        jsons.forEach((f, a) -> {
            ImportCursor k = cursors.get(f.toString());
            if (k != null && k.size() == a.size() && k.mtimeMs() == a.lastModifiedTime().toMillis()) {
                n.unchanged++;
            } else {
                changed.add(f);
            }
        });
        FilePipeline.Outcome o = FilePipeline.run(ledger, changed, f -> json(f, jsons.get(f), cursors.get(f.toString()),
                n), unreadable, progress, "opencode");
        return new ImportSummary(dirs.stream().map(Path::toString).toList(), dbs.size() + jsons.size(), n.read,
                n.unchanged, n.restarted, o.bytes() + n.dbBytes, o.lines() + n.dbRows, fromDb.added() + o.added(),
                fromDb.replaced() + o.replaced(), fromDb.duplicates() + o.duplicates(), 0, n.malformed.count(),
                n.malformed.samples(), 0, List.of(), unreadable.count(), unreadable.samples(), 0, List.of(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** opencode.db first, then the channel files opencode-*.db, as OpenCode names them. */
    private static List<Path> databases(Path root, Tally unreadable) {
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return (n.equals("opencode.db") || n.startsWith("opencode-") && n.endsWith(".db")) && Files.isRegularFile(p);
            }).sorted((a, b) -> a.getFileName().toString().equals("opencode.db") ? -1
                    : b.getFileName().toString().equals("opencode.db") ? 1 : a.compareTo(b)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            unreadable.add(root + ": " + e.getMessage());
            return List.of();
        }
    }

    /** storage/message/<session>/*.json, with the attributes the walk read. */
    private static void walk(Path root, Map<Path, BasicFileAttributes> into, Tally unreadable) {
        try {
            Files.walkFileTree(root, java.util.Set.of(FileVisitOption.FOLLOW_LINKS), 2, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
                    if (a.isRegularFile() && f.getFileName().toString().endsWith(".json")) {
                        into.put(f, a);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    unreadable.add(f + ": " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            unreadable.add(root + ": " + e.getMessage());
        }
    }

    /** What the reading counted, across the databases and the JSON files (the latter on the pipeline's thread). */
    private static final class Counts {
        final Tally malformed = new Tally();
        volatile long read;
        volatile long unchanged;
        volatile long restarted;
        long dbBytes;
        long dbRows;
    }

    private static SourceBatch.Outcome database(TokenLedger ledger, Path db, ImportCursor k, Counts n)
            throws IOException {
        String path = db.toString();
        BasicFileAttributes a = Files.readAttributes(db, BasicFileAttributes.class);
        Path walFile = db.resolveSibling(db.getFileName() + "-wal");
        long walSize = Files.isRegularFile(walFile) ? Files.size(walFile) : -1;
        long walMtime = walSize >= 0 ? Files.getLastModifiedTime(walFile).toMillis() : -1;
        long size = a.size();
        long mtime = a.lastModifiedTime().toMillis();
        DbState before = DbState.fromJson(k == null ? null : k.state());
        if (k != null && before != null && k.size() == size && k.mtimeMs() == mtime && before.walSize() == walSize
                && before.walMtimeMs() == walMtime) {
            n.unchanged++;
            return SourceBatch.Outcome.NONE;
        }
        n.read++;
        // A file that shrank was replaced or vacuumed: read it whole again (the keys keep that exact).
        long since = before != null && k.size() <= size ? before.updatedMs() : 0;
        if (k != null && since == 0) {
            n.restarted++;
        }
        List<EventInput> events = new ArrayList<>();
        long[] newest = {since};
        long[] rows = {k == null || since == 0 ? 0 : k.lines()};
        long[] bad = {k == null || since == 0 ? 0 : k.malformed()};
        SourceBatch.Outcome[] done = {SourceBatch.Outcome.NONE};
        OpenCodeDatabase.read(db, since, row -> {
            rows[0]++;
            n.dbRows++;
            newest[0] = Math.max(newest[0], row.updatedMs());
            OpenCodeMessage.Parsed p;
            try {
                // One {...} without the word carries no usage (user messages: half the rows): not parsed.
                p = row.data() == null ? new OpenCodeMessage.Parsed(null, "data is NULL")
                        : plainObject(row.data()) ? OpenCodeMessage.Parsed.NONE
                        : OpenCodeMessage.parse(JSON.readTree(row.data()), row.id(), row.sessionId(), row.createdMs(),
                                row.directory());
            } catch (JacksonException e) {
                p = new OpenCodeMessage.Parsed(null, "data is not JSON: " + e.getOriginalMessage());
            }
            if (p.problem() != null) {
                bad[0]++;
                n.malformed.add(path + ": message " + row.id() + ": " + p.problem());
            } else if (p.event() != null) {
                events.add(p.event());
            }
            if (events.size() >= ROWS_PER_COMMIT) {
                // Not yet the file's own size and time: a run stopped after this chunk reads on from here.
                ImportCursor part = new ImportCursor(Sources.OPENCODE, path, 0, 0, 0, "-", rows[0], bad[0],
                        new DbState(since, -2, -2).toJson());
                done[0] = done[0].plus(ledger.imports().importSources(List.of(new SourceBatch(part, events, true, null))));
                events.clear();
            }
        });
        n.dbBytes += size + Math.max(0, walSize);
        ImportCursor after = new ImportCursor(Sources.OPENCODE, path, size, mtime, 0, "-", rows[0], bad[0],
                new DbState(newest[0], walSize, walMtime).toJson());
        return done[0].plus(ledger.imports().importSources(List.of(new SourceBatch(after, events, true, null))));
    }

    private static FilePipeline.Read json(Path f, BasicFileAttributes a, ImportCursor k, Counts n) throws IOException {
        long size = a.size();
        long mtime = a.lastModifiedTime().toMillis();
        n.read++;
        if (k != null) {
            n.restarted++;
        }
        byte[] data = Files.readAllBytes(f);
        OpenCodeMessage.Parsed p;
        try {
            p = plainObject(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1)) ? OpenCodeMessage.Parsed.NONE
                    : OpenCodeMessage.parse(JSON.readTree(data), null, null, null, null);
        } catch (JacksonException e) {
            p = new OpenCodeMessage.Parsed(null, "not JSON: " + e.getOriginalMessage());
        }
        if (p.problem() != null) {
            n.malformed.add(f + ": " + p.problem());
        }
        // Read whole whenever its size or time changes: no head hash needed.
        ImportCursor after = new ImportCursor(Sources.OPENCODE, f.toString(), Math.max(size, data.length), mtime,
                data.length, "-", 1, p.problem() == null ? 0 : 1, null);
        // Not replacing: a message the database already gave (or an earlier read stored) is a copy.
        return new FilePipeline.Read(new SourceBatch(after, p.event() == null ? List.of() : List.of(p.event())),
                data.length, 1);
    }

    /**
     * Whether a record is one {@code {...}} that cannot carry usage (no {@code "tokens"}): only checked,
     * not parsed, as Codex's lines without usage are. Anything else is parsed, so a cut-off record is
     * counted as malformed, never dropped.
     */
    static boolean plainObject(String text) {
        String t = text.strip();
        return t.startsWith("{") && t.endsWith("}") && !t.contains("\"tokens\"");
    }

    /** A database's carry-over: the newest time_updated read, and its WAL file's size and time then (-1: none). */
    record DbState(long updatedMs, long walSize, long walMtimeMs) {
        String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("updated_ms", updatedMs);
            m.put("wal_size", walSize);
            m.put("wal_mtime_ms", walMtimeMs);
            return JSON.writeValueAsString(m);
        }

        static DbState fromJson(String json) {
            if (json == null) {
                return null;
            }
            try {
                JsonNode s = JSON.readTree(json);
                return new DbState(s.path("updated_ms").asLong(0), s.path("wal_size").asLong(-1),
                        s.path("wal_mtime_ms").asLong(-1));
            } catch (RuntimeException e) {
                return null;
            }
        }
    }
}
