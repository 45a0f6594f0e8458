package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.TranscriptBatch;
import dev.tokenomics.ledger.TranscriptCursor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads and parses transcript files into batches, each with the cursor to store once it is in,
 * and hands them to a sink in file order: the importer's committing thread, while this one reads
 * on. It never writes the ledger, so what it holds is bounded by a chunk of {@code chunkBytes}
 * (one read buffer, reused) plus the batches the sink has not taken yet. A file that cannot be
 * read is named in {@code unreadable}; the batches handed over before stay.
 */
final class TranscriptReader {
    /** Bytes hashed at the start of a file and just before its cursor to tell a rewrite from a growth. */
    private static final int CHECK_BYTES = 4096;

    /** What the reader hands over, in order. */
    sealed interface Step {}

    /** New complete lines of one file: {@code bytes} and {@code lines} of them, parsed into {@code batch}. */
    record Commit(TranscriptBatch batch, long bytes, long lines) implements Step {}

    /** A file is done with (read to its end, unchanged, pending or unreadable). */
    record FileDone() implements Step {}

    /** The reader is done: every file was handed over, or it failed (the importer then rethrows). */
    record End() implements Step {}

    /** Where the sink takes steps; blocking until there is room bounds the reader's lead. */
    interface Sink {
        void put(Step step) throws InterruptedException;
    }

    private final Map<String, TranscriptCursor> cursors;
    private final int chunkBytes;
    private final Sink sink;
    private final Consumer<Path> beforeOpen;
    private final Tally malformed;
    private final Tally pending;
    private final Tally unreadable;
    private byte[] buffer;

    long restarted;
    long read;
    long unchanged;
    long synthetic;
    long duplicates;

    TranscriptReader(Map<String, TranscriptCursor> cursors, int chunkBytes, Sink sink, Consumer<Path> beforeOpen,
            Tally malformed, Tally pending, Tally unreadable) {
        this.cursors = cursors;
        this.chunkBytes = chunkBytes;
        this.sink = sink;
        this.beforeOpen = beforeOpen;
        this.malformed = malformed;
        this.pending = pending;
        this.unreadable = unreadable;
    }

    /** Reads one file (or skips it, unchanged), then hands over {@link FileDone}. */
    void file(TranscriptFile f, BasicFileAttributes attrs) throws InterruptedException {
        try {
            importFile(f, attrs);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("import stopped while reading " + f.path());
            }
            // What was handed over stays, with its cursor: the next run resumes there.
            unreadable.add(f.path() + ": " + TranscriptWalk.reason(e));
        }
        sink.put(new FileDone());
    }

    private void importFile(TranscriptFile f, BasicFileAttributes attrs) throws IOException, InterruptedException {
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
        beforeOpen.accept(f.path());
        try (FileChannel ch = FileChannel.open(f.path(), StandardOpenOption.READ)) {
            read(f, ch, path, size, mtime, fileKey, cursor, sameFile);
        }
    }

    private void read(TranscriptFile f, FileChannel ch, String path, long size, long mtime, String fileKey,
            TranscriptCursor cursor, boolean sameFile) throws IOException, InterruptedException {
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
            // One buffer for every chunk of every file: a fresh 8 MiB array per chunk is what made
            // the heap grow with the tree (each outlived a young collection and was promoted).
            ByteBuffer buf = ByteBuffer.wrap(want <= chunkBytes ? buffer() : new byte[want], 0, want);
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
                sink.put(new Commit(new TranscriptBatch(after, chunk.responses, chunk.sessions()), length,
                        chunk.lines));
                offset = next;
                openLine = finalLine;
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

    private byte[] buffer() {
        if (buffer == null) {
            buffer = new byte[chunkBytes];
        }
        return buffer;
    }
}
