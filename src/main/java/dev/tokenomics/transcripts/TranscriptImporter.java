package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.TranscriptBatch;
import dev.tokenomics.ledger.TranscriptCursor;
import java.io.IOException;
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
import java.util.List;
import java.util.Map;

/**
 * Imports Claude Code transcripts incrementally. For each {@code *.jsonl} under each dir's
 * {@code projects/} (symbolic links followed, see {@link TranscriptWalk}): an unchanged file (same
 * size, time and identity) is not opened; a grown one is read from its cursor; one that shrank, was
 * rewritten at the same size, or whose first or last read bytes differ is read from the start.
 * A last line without its newline is imported when it is one complete JSON object, else reported
 * as pending and left for the next run. New lines are committed with the cursor in chunks of
 * {@link #CHUNK_BYTES}, so a killed import resumes exactly. A file or folder that cannot be read
 * is named in the summary and the import goes on with the others.
 */
public final class TranscriptImporter {
    static final int CHUNK_BYTES = 8 << 20;
    /** Bytes hashed at the start of a file and just before its cursor to tell a rewrite from a growth. */
    private static final int CHECK_BYTES = 4096;

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
    private long restarted;
    private long read;
    private long unchanged;
    private final Tally malformed = new Tally();
    private final Tally pending = new Tally();
    private final Tally unreadable = new Tally();
    private final Tally linksSkipped = new Tally();
    private Map<String, TranscriptCursor> cursors = Map.of();
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
        // ~ is $HOME, as for Claude Code itself; user.home (the passwd entry) only when HOME is unset.
        String homeEnv = env.get("HOME");
        Path home = Path.of(homeEnv != null && !homeEnv.isBlank() ? homeEnv : System.getProperty("user.home"));
        for (Path p : List.of(home.resolve(".claude"), home.resolve(".config").resolve("claude"))) {
            if (Files.isDirectory(p)) {
                out.add(p);
            }
        }
        return out;
    }

    public ImportSummary run(List<Path> dirs) {
        long t0 = System.nanoTime();
        for (Path dir : dirs) { // bad input is refused before anything is read
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("dirs: " + dir + " is not a directory");
            }
        }
        cursors = ledger.transcriptCursors();
        List<TranscriptWalk.Found> files = distinct(TranscriptWalk.walk(dirs, unreadable, linksSkipped));
        filesTotal = files.size();
        for (TranscriptWalk.Found found : files) {
            TranscriptFile f = TranscriptFile.of(found.projects(), found.path());
            try {
                importFile(f, found.attrs());
            } catch (IOException e) {
                // What was committed stays, with its cursor: the next run resumes there.
                unreadable.add(f.path() + ": " + TranscriptWalk.reason(e));
            }
            progress.update(++filesDone, filesTotal, bytes, lines);
        }
        return new ImportSummary(dirs.stream().map(Path::toString).toList(), files.size(), read, unchanged, restarted,
                bytes, lines, added, replaced, duplicates, synthetic, malformed.count(), malformed.samples(),
                pending.count(), pending.samples(), unreadable.count(), unreadable.samples(), linksSkipped.count(),
                linksSkipped.samples(), (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * One file reached by two paths (a linked project folder beside its target, a dir given twice)
     * is read once: by the path that already has a cursor, else by the one through fewer links
     * (its folder under projects/ names the project), else by the first in path order.
     */
    private List<TranscriptWalk.Found> distinct(List<TranscriptWalk.Found> all) {
        Map<Object, Integer> byKey = new java.util.HashMap<>();
        List<TranscriptWalk.Found> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (TranscriptWalk.Found f : all) {
            Object key = f.attrs().fileKey();
            Integer at = key == null ? null : byKey.get(key);
            if (at == null) {
                if (key != null) {
                    byKey.put(key, out.size());
                }
                out.add(f);
                continue;
            }
            TranscriptWalk.Found kept = out.get(at);
            if (better(f, kept)) {
                out.set(at, f);
                skipped.add(kept.path() + ": same file as " + f.path() + ", read there");
            } else {
                skipped.add(f.path() + ": same file as " + kept.path() + ", read there");
            }
        }
        skipped.stream().sorted().forEach(linksSkipped::add);
        return out;
    }

    private boolean better(TranscriptWalk.Found a, TranscriptWalk.Found b) {
        boolean aCursor = cursors.containsKey(a.path().toString());
        boolean bCursor = cursors.containsKey(b.path().toString());
        if (aCursor != bCursor) {
            return aCursor;
        }
        return links(a) < links(b); // equal: b came first in path order
    }

    /** Links on the way from projects/ to the file; asked only of a file found twice. */
    private static int links(TranscriptWalk.Found f) {
        int n = 0;
        Path p = f.projects();
        for (Path name : f.projects().relativize(f.path())) {
            p = p.resolve(name);
            if (Files.isSymbolicLink(p)) {
                n++;
            }
        }
        return n;
    }

    private void importFile(TranscriptFile f, BasicFileAttributes attrs) throws IOException {
        String path = f.path().toString();
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
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            read(f, ch, path, size, mtime, fileKey, cursor, sameFile);
        }
    }

    private void read(TranscriptFile f, FileChannel ch, String path, long size, long mtime, String fileKey,
            TranscriptCursor cursor, boolean sameFile) throws IOException {
        long offset = 0;
        long lineNo = 0;
        long bad = 0;
        // The cursor ended on a line without its newline (imported as complete JSON): a newline
        // written after it ends that line, not an empty one.
        boolean openLine = false;
        if (cursor != null) {
            byte[] tail = cursor.offset() <= size ? tail(ch, cursor.offset()) : null;
            if (sameFile && resumable(ch, cursor, size, mtime, tail)) {
                offset = cursor.offset();
                lineNo = cursor.lines();
                bad = cursor.malformed();
                openLine = tail.length > 0 && tail[tail.length - 1] != '\n';
            } else {
                restarted++; // rewritten, shrank or replaced: read it all again; record keys keep it exact
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
            int got = buf.position();
            boolean toEnd = want == size - offset || got < want; // got < want: it shrank while read
            int length = lastNewline(data, got) + 1; // the complete lines
            boolean finalLine = false;
            String waiting = null;
            if (toEnd && length < got) {
                String rest = new String(data, length, got - length, StandardCharsets.UTF_8);
                if (TranscriptParser.isCompleteObject(rest)) {
                    finalLine = true; // a writer that ended without a newline: nothing more will come
                    length = got;
                } else {
                    waiting = (got - length) + " bytes";
                }
            }
            if (length == 0 && waiting == null) {
                if (toEnd) {
                    break; // nothing came back: the file shrank while read; the next run starts it again
                }
                window = Math.multiplyExact(window, 2); // one line longer than a chunk: read further
                continue;
            }
            window = chunkBytes;
            if (length > 0) {
                int from = openLine && data[0] == '\n' ? 1 : 0;
                TranscriptChunk chunk = TranscriptChunk.parse(f, data, from, length, finalLine, lineNo, malformed);
                synthetic += chunk.synthetic;
                duplicates += chunk.duplicates;
                lineNo += chunk.lines;
                bad += chunk.malformed;
                long next = offset + length;
                TranscriptCursor after = new TranscriptCursor(path, size, mtime, fileKey, next,
                        hash(head(ch, next)), hash(tail(ch, next)), lineNo, bad, f.sessionId(), f.project(),
                        f.agentId());
                TranscriptBatch.Outcome o = ledger.importTranscript(new TranscriptBatch(after, chunk.responses,
                        chunk.sessions()));
                added += o.added();
                replaced += o.replaced();
                duplicates += o.duplicates();
                bytes += length;
                lines += chunk.lines;
                offset = next;
                openLine = finalLine;
                progress.update(filesDone, filesTotal, bytes, lines); // a long file moves the bar too
            }
            if (waiting != null) {
                pending.add(path + ":" + (lineNo + 1) + ": last line has no newline and is not complete JSON yet ("
                        + waiting + "); read once it is finished");
                break;
            }
        }
    }

    /**
     * Whether the file still starts with what was read and has only grown since. A file of the same
     * size with a new time was rewritten in place (an append always grows it); otherwise the first
     * and the last up to 4 KiB read must hash as before, so a rewrite of the head, or of the lines
     * just before the cursor, is read again rather than half lost.
     */
    private static boolean resumable(FileChannel ch, TranscriptCursor cursor, long size, long mtime, byte[] tail)
            throws IOException {
        if (tail == null || size == cursor.size() && mtime != cursor.mtimeMs()) {
            return false;
        }
        return hash(head(ch, cursor.offset())).equals(cursor.headHash())
                && (cursor.tailHash() == null || hash(tail).equals(cursor.tailHash()));
    }

    private static byte[] head(FileChannel ch, long end) throws IOException {
        return bytes(ch, 0, (int) Math.min(CHECK_BYTES, end));
    }

    private static byte[] tail(FileChannel ch, long end) throws IOException {
        long from = Math.max(0, end - CHECK_BYTES);
        return bytes(ch, from, (int) (end - from));
    }

    private static byte[] bytes(FileChannel ch, long from, int n) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining() && ch.read(buf, from + buf.position()) > 0) {
            // read the n bytes in full
        }
        return buf.position() == n ? buf.array() : java.util.Arrays.copyOf(buf.array(), buf.position());
    }

    private static String hash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
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
}
