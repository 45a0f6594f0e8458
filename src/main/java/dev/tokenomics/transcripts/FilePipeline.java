package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.SourceBatch;
import dev.tokenomics.ledger.TokenLedger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The import loop of a file-per-record agent source (Gemini CLI chats, OpenCode's JSON storage): one
 * thread reads and counts the next files while the calling thread commits the last ones, through a
 * hand-off of one chunk, so both cores work and memory stays bounded. Each file's events and cursor
 * commit together, several files per transaction ({@link #COMMIT_BYTES}), so an import killed at any
 * moment resumes exactly.
 */
public final class FilePipeline {
    /** Files read are committed together once this many bytes are in hand (as for Codex). */
    public static final int COMMIT_BYTES = 8 << 20;
    private static final int HEAD_BYTES = 4096;

    /** What reading one file gave: the batch to commit (null: nothing, the file was unchanged) and its size read. */
    public record Read(SourceBatch batch, long bytes, long lines) {
        public static final Read UNCHANGED = new Read(null, 0, 0);
    }

    /** Reads one file; an IOException names it in {@code unreadable} and the import goes on. */
    @FunctionalInterface
    public interface Reader {
        Read read(Path file) throws IOException;
    }

    /** What was committed, and the bytes and lines read. */
    public record Outcome(long added, long replaced, long duplicates, long bytes, long lines) {}

    private record Chunk(List<SourceBatch> batches, long filesDone, long bytes, long lines) {
        static final Chunk END = new Chunk(List.of(), 0, 0, 0);
    }

    private FilePipeline() {}

    public static Outcome run(TokenLedger ledger, List<Path> files, Reader reader, Tally unreadable,
            TranscriptImporter.Progress progress, String what) {
        BlockingQueue<Chunk> handOff = new ArrayBlockingQueue<>(1);
        long[] read = new long[2]; // bytes, lines: written by the reading thread, read after join
        Throwable[] failed = {null};
        Thread reading = new Thread(() -> {
            List<SourceBatch> toCommit = new ArrayList<>();
            long pending = 0;
            long done = 0;
            try {
                for (Path f : files) {
                    done++;
                    Read r;
                    try {
                        r = reader.read(f);
                    } catch (IOException e) {
                        unreadable.add(f + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                        continue;
                    }
                    read[0] += r.bytes();
                    read[1] += r.lines();
                    if (r.batch() != null) {
                        toCommit.add(r.batch());
                        pending += r.bytes();
                    }
                    if (pending >= COMMIT_BYTES) {
                        handOff.put(new Chunk(List.copyOf(toCommit), done, read[0], read[1]));
                        toCommit.clear();
                        pending = 0;
                    }
                }
                if (!toCommit.isEmpty()) {
                    handOff.put(new Chunk(List.copyOf(toCommit), done, read[0], read[1]));
                }
            } catch (InterruptedException e) {
                return; // the committing thread stopped and takes no more
            } catch (RuntimeException | Error e) {
                failed[0] = e;
            }
            try {
                handOff.put(Chunk.END);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tokenomics-" + what + "-reader");
        reading.setDaemon(true);
        reading.start();
        SourceBatch.Outcome o = SourceBatch.Outcome.NONE;
        try {
            while (true) {
                Chunk c = handOff.take();
                if (c == Chunk.END) {
                    break;
                }
                o = o.plus(ledger.imports().importSources(c.batches()));
                progress.update(c.filesDone(), files.size(), c.bytes(), c.lines());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(what + " import interrupted; what was committed stays and the next run "
                    + "resumes there", e);
        } finally {
            reading.interrupt();
            try {
                reading.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        } else if (failed[0] instanceof Error e) {
            throw e;
        }
        progress.update(files.size(), files.size(), read[0], read[1]);
        return new Outcome(o.added(), o.replaced(), o.duplicates(), read[0], read[1]);
    }

    /** The bytes of {@code f} from {@code from} to its end. */
    public static byte[] readFrom(Path f, long from) throws IOException {
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ch.position(from);
            try (InputStream in = Channels.newInputStream(ch)) {
                return in.readAllBytes();
            }
        }
    }

    /** SHA-256 of the first min(4096, upTo) bytes: a file rewritten from the start is read again. */
    public static String headHash(Path f, long upTo) throws IOException {
        int n = (int) Math.min(HEAD_BYTES, upTo);
        byte[] head = new byte[n];
        try (InputStream in = Files.newInputStream(f)) {
            int got = in.readNBytes(head, 0, n);
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(head, 0, got);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java", e);
        }
    }

    /** The project a session ran in, as for Claude Code: the last folder of its cwd. */
    public static String repo(String cwd) {
        if (cwd == null) {
            return null;
        }
        String c = cwd.replace('\\', '/');
        while (c.endsWith("/") && c.length() > 1) {
            c = c.substring(0, c.length() - 1);
        }
        int slash = c.lastIndexOf('/');
        String name = slash >= 0 ? c.substring(slash + 1) : c;
        return name.isBlank() ? null : name;
    }
}
