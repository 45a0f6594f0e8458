package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.TranscriptBatch;
import dev.tokenomics.ledger.TranscriptCursor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Imports Claude Code transcripts incrementally. For each {@code *.jsonl} under each dir's
 * {@code projects/}: an unchanged file (same size, time and identity) is not opened; a grown one is
 * read from its cursor; one that shrank or was replaced (its first bytes differ) from the start. A
 * last line without its newline is still being written and waits for the next run. New lines are
 * committed with the cursor in chunks of {@link #CHUNK_BYTES}, so a killed import resumes exactly.
 */
public final class TranscriptImporter {
    static final int CHUNK_BYTES = 8 << 20;
    private static final int HEAD_BYTES = 4096;

    /** Told after each chunk: files done, files in all, bytes read so far, lines so far. */
    public interface Progress {
        void update(long filesDone, long files, long bytes, long lines);

        Progress NONE = (a, b, c, d) -> {};
    }

    private final TokenLedger ledger;
    private final Progress progress;

    private long bytes;
    private long lines;
    private long added;
    private long replaced;
    private long duplicates;
    private long synthetic;
    private long malformed;
    private long restarted;
    private long read;
    private long unchanged;
    private final List<String> samples = new ArrayList<>();
    private Map<String, TranscriptCursor> cursors = Map.of();
    private final Map<Path, BasicFileAttributes> attributes = new java.util.HashMap<>();
    private long filesDone;
    private long filesTotal;

    private final int chunkBytes;

    public TranscriptImporter(TokenLedger ledger, Progress progress) {
        this(ledger, progress, CHUNK_BYTES);
    }

    /** Tests use small chunks to stop an import between two commits of one file. */
    TranscriptImporter(TokenLedger ledger, Progress progress, int chunkBytes) {
        this.ledger = ledger;
        this.progress = progress;
        this.chunkBytes = chunkBytes;
    }

    /** Each entry of CLAUDE_CONFIG_DIR (comma-separated), else ~/.claude and ~/.config/claude that exist. */
    public static List<Path> defaultDirs(Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        String configured = env.get("CLAUDE_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            for (String d : configured.split(",")) {
                if (!d.isBlank()) {
                    out.add(Path.of(d.strip()));
                }
            }
            return out;
        }
        Path home = Path.of(System.getProperty("user.home"));
        for (Path p : List.of(home.resolve(".claude"), home.resolve(".config").resolve("claude"))) {
            if (Files.isDirectory(p)) {
                out.add(p);
            }
        }
        return out;
    }

    public ImportSummary run(List<Path> dirs) {
        long t0 = System.nanoTime();
        List<TranscriptFile> files = new ArrayList<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("dirs: " + dir + " is not a directory");
            }
            Path projects = dir.resolve("projects");
            if (!Files.isDirectory(projects)) {
                continue; // a Claude dir that has never run a session
            }
            // Files.find hands over the attributes the walk read anyway: one stat per file in all.
            try (Stream<Path> walk = Files.find(projects, Integer.MAX_VALUE, (p, a) -> {
                if (a.isRegularFile() && p.getFileName().toString().endsWith(".jsonl")) {
                    attributes.put(p.toAbsolutePath(), a);
                    return true;
                }
                return false;
            })) {
                walk.sorted().forEach(p -> files.add(TranscriptFile.of(projects, p.toAbsolutePath())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + projects, e);
            }
        }
        filesTotal = files.size();
        cursors = ledger.transcriptCursors();
        for (TranscriptFile f : files) {
            importFile(f);
            progress.update(++filesDone, filesTotal, bytes, lines);
        }
        return new ImportSummary(dirs.stream().map(Path::toString).toList(), files.size(), read, unchanged, restarted,
                bytes, lines, added, replaced, duplicates, synthetic, malformed, List.copyOf(samples),
                (System.nanoTime() - t0) / 1_000_000);
    }

    private void importFile(TranscriptFile f) {
        String path = f.path().toString();
        try {
            // Stat first: an unchanged file is never opened.
            BasicFileAttributes attrs = attributes.containsKey(f.path()) ? attributes.get(f.path())
                    : Files.readAttributes(f.path(), BasicFileAttributes.class);
            long size = attrs.size();
            long mtime = attrs.lastModifiedTime().toMillis();
            String fileKey = attrs.fileKey() == null ? null : attrs.fileKey().toString();
            TranscriptCursor cursor = cursors.get(path);
            boolean sameFile = cursor != null && (cursor.fileKey() == null || cursor.fileKey().equals(fileKey));
            // Unchanged and fully consumed. (A file whose last line was half written, or an import
            // stopped between commits, has offset < size.)
            if (sameFile && size == cursor.size() && mtime == cursor.mtimeMs() && cursor.offset() == size) {
                unchanged++;
                return;
            }
            importFile(f, path, size, mtime, fileKey, cursor, sameFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private void importFile(TranscriptFile f, String path, long size, long mtime, String fileKey,
            TranscriptCursor cursor, boolean sameFile) throws IOException {
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            long offset = 0;
            long lineNo = 0;
            long bad = 0;
            if (cursor != null) {
                if (sameFile && size >= cursor.offset()
                        && head(ch, Math.min(HEAD_BYTES, cursor.offset())).equals(cursor.headHash())) {
                    offset = cursor.offset();
                    lineNo = cursor.lines();
                    bad = cursor.malformed();
                } else {
                    restarted++; // shrank or replaced: read it all again; record keys keep it exact
                }
            }
            read++;
            int window = chunkBytes;
            while (offset < size) {
                int want = (int) Math.min(window, size - offset);
                ByteBuffer buf = ByteBuffer.allocate(want);
                while (buf.hasRemaining() && ch.read(buf, offset + buf.position()) > 0) {
                    // FileChannel.read may return fewer bytes than asked
                }
                byte[] data = buf.array();
                int end = lastNewline(data, buf.position());
                if (end < 0) {
                    if (want < size - offset) {
                        window = Math.multiplyExact(window, 2); // one line longer than a chunk: read further
                        continue;
                    }
                    break; // the last line is still being written
                }
                window = chunkBytes;
                Chunk chunk = parse(f, data, end + 1, lineNo);
                lineNo += chunk.lines;
                bad += chunk.malformed;
                long next = offset + end + 1;
                TranscriptCursor after = new TranscriptCursor(path, size, mtime, fileKey, next,
                        head(ch, Math.min(HEAD_BYTES, next)),
                        lineNo, bad, f.sessionId(), f.project(), f.agentId());
                TranscriptBatch.Outcome o = ledger.importTranscript(new TranscriptBatch(after, chunk.responses,
                        chunk.sessions()));
                added += o.added();
                replaced += o.replaced();
                duplicates += o.duplicates();
                bytes += end + 1;
                lines += chunk.lines;
                offset = next;
                progress.update(filesDone, filesTotal, bytes, lines); // a long file moves the bar too
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static String head(FileChannel ch, long n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) n);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // read the first n bytes in full
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(buf.array(), 0, buf.position());
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static int lastNewline(byte[] data, int length) {
        for (int i = length - 1; i >= 0; i--) {
            if (data[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private final class Chunk {
        final List<TranscriptBatch.Response> responses = new ArrayList<>();
        final Map<String, TranscriptBatch.SessionSeen> sessions = new LinkedHashMap<>();
        long lines;
        long malformed;

        List<TranscriptBatch.SessionSeen> sessions() {
            return new ArrayList<>(sessions.values());
        }
    }

    private Chunk parse(TranscriptFile f, byte[] data, int length, long firstLine) {
        Chunk chunk = new Chunk();
        // The same response streamed over several lines: keep the largest snapshot, a main-chain
        // copy over a sidechain one (the ledger applies the same rule across chunks and files).
        Map<String, TranscriptBatch.Response> best = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (data[i] != '\n') {
                continue;
            }
            chunk.lines++;
            String text = new String(data, start, i - start, StandardCharsets.UTF_8);
            start = i + 1;
            TranscriptLine line = TranscriptParser.parse(text);
            switch (line.kind()) {
                case OTHER -> { }
                case SYNTHETIC -> synthetic++;
                case MALFORMED -> {
                    chunk.malformed++;
                    malformed++;
                    if (samples.size() < ImportSummary.MAX_SAMPLES) {
                        samples.add(f.path() + ":" + (firstLine + chunk.lines) + ": " + line.reason());
                    }
                }
                case RESPONSE -> {
                    TranscriptBatch.Response r = response(f, line, text);
                    String k = r.event().recordKey();
                    TranscriptBatch.Response had = best.get(k);
                    if (had == null || r.total() > had.total() || r.total() == had.total() && had.sidechain()
                            && !r.sidechain()) {
                        best.put(k, r);
                    }
                    if (had != null) {
                        duplicates++;
                    }
                    seen(chunk, f, line);
                }
            }
        }
        chunk.responses.addAll(best.values());
        return chunk;
    }

    private static TranscriptBatch.Response response(TranscriptFile f, TranscriptLine l, String text) {
        String key = l.messageId() != null ? "cc:" + l.messageId() + ":" + (l.requestId() == null ? "" : l.requestId())
                : "cc:line:" + sha256(text).substring(0, 40);
        String session = l.sessionId() != null ? l.sessionId() : f.sessionId();
        String repo = l.cwd() == null ? null : Path.of(l.cwd()).getFileName() == null ? null
                : Path.of(l.cwd()).getFileName().toString();
        boolean sidechain = l.sidechain() || f.subagent();
        EventInput e = new EventInput(key, l.ts(), null, null, null, session, null, null, repo, f.agentId(), l.model(),
                null, null, null, null, null, null, l.usage(), l.costUsd(), true,
                sidechain ? TranscriptBatch.SIDECHAIN : TranscriptBatch.SOURCE, l.apiError() ? "error" : "ok", null);
        return new TranscriptBatch.Response(l.messageId(), l.requestId(), sidechain, e);
    }

    private static void seen(Chunk chunk, TranscriptFile f, TranscriptLine l) {
        String session = l.sessionId() != null ? l.sessionId() : f.sessionId();
        String k = session + "\u0000" + f.agentId();
        TranscriptBatch.SessionSeen had = chunk.sessions.get(k);
        if (had == null) {
            chunk.sessions.put(k, new TranscriptBatch.SessionSeen(session, f.agentId(), f.project(), l.cwd(),
                    l.gitBranch(), l.version(), l.ts(), l.ts(), f.subagent()));
        } else {
            chunk.sessions.put(k, new TranscriptBatch.SessionSeen(session, f.agentId(), f.project(),
                    l.cwd() != null ? l.cwd() : had.cwd(), l.gitBranch() != null ? l.gitBranch() : had.gitBranch(),
                    l.version() != null ? l.version() : had.version(), l.ts().isBefore(had.first()) ? l.ts() : had.first(),
                    l.ts().isAfter(had.last()) ? l.ts() : had.last(), f.subagent()));
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
