package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.TranscriptBatch;
import dev.tokenomics.ledger.TranscriptCursor;
import dev.tokenomics.transcripts.TranscriptReader.Step;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Imports Claude Code transcripts incrementally. For each {@code *.jsonl} under each dir's
 * {@code projects/} (symbolic links followed, see {@link TranscriptWalk}): an unchanged file (same
 * size, time and identity) is not opened; a grown one is read from its cursor; one that shrank, was
 * rewritten at the same size, or whose first or last read bytes differ is read from the start.
 * A last line without its newline is imported when it is one complete JSON object, else reported
 * as pending and left for the next run. New lines are committed with the cursor in chunks of
 * {@link #CHUNK_BYTES}, so a killed import resumes exactly. A file or folder that cannot be read
 * is named in the summary and the import goes on with the others.
 *
 * <p>Two threads share the work: a reader reads and parses the next chunk ({@link TranscriptReader})
 * while the calling thread commits the last ones (a group of up to {@link #GROUP_BYTES} of lines
 * or {@link #GROUP_FILES} files in one transaction), through a hand-off of {@link #HANDOFF_CHUNKS}
 * chunk, so memory is bounded by a group and a chunk, not by the tree. Commits, progress reports
 * and the summary's counts come from the calling thread, in file order.
 */
public final class TranscriptImporter {
    static final int CHUNK_BYTES = 8 << 20;
    /**
     * Parsed chunks that may wait between the reading thread and the committing one. One keeps both
     * cores busy (the next chunk is read and parsed while the last one commits) and bounds memory by
     * a few chunks, whatever the size of the tree.
     */
    private static final int HANDOFF_CHUNKS = 1;
    /**
     * Lines read, in bytes, that are committed together (with their cursors, in one transaction).
     * A commit per small file cost its dirty pages written to the WAL each time and a checkpoint
     * every few commits; a group of files bounds that, and memory by the group's parsed responses.
     */
    static final int GROUP_BYTES = 48 << 20;
    /**
     * Files finished in a group that close it, whatever their size: progress reports, and a
     * cancellation checked in them (import_transcripts over MCP), come once per group.
     */
    static final int GROUP_FILES = 32;

    /** Told after each chunk: files done, files in all, bytes read so far, lines so far. */
    public interface Progress {
        void update(long filesDone, long files, long bytes, long lines);

        Progress NONE = (a, b, c, d) -> {};
    }

    private final TokenLedger ledger;
    private final Progress progress;

    // Kept by the committing thread; the reader keeps its own counts (TranscriptReader).
    private long bytes;
    private long lines;
    private long added;
    private long replaced;
    private long duplicates;
    private final Tally malformed = new Tally();
    private final Tally pending = new Tally();
    private final Tally unreadable = new Tally();
    private final Tally linksSkipped = new Tally();
    private Map<String, TranscriptCursor> cursors = Map.of();
    private long filesDone;
    private long filesTotal;

    private final int chunkBytes;
    private final int groupBytes;
    private final Consumer<Path> beforeOpen;

    public TranscriptImporter(TokenLedger ledger, Progress progress) {
        this(ledger, progress, CHUNK_BYTES, GROUP_BYTES, p -> {});
    }

    /** Tests use small chunks, each committed alone, to stop an import between two commits of one file. */
    TranscriptImporter(TokenLedger ledger, Progress progress, int chunkBytes) {
        this(ledger, progress, chunkBytes, 0, p -> {});
    }

    /**
     * Tests disturb a file just before it is opened: the reader runs ahead of the commits, so a
     * progress report no longer marks the moment between two files. Each chunk commits alone.
     */
    TranscriptImporter(TokenLedger ledger, Progress progress, int chunkBytes, Consumer<Path> beforeOpen) {
        this(ledger, progress, chunkBytes, 0, beforeOpen);
    }

    /** {@code groupBytes}: chunks are committed together until their lines reach this many bytes (0: each alone). */
    TranscriptImporter(TokenLedger ledger, Progress progress, int chunkBytes, int groupBytes,
            Consumer<Path> beforeOpen) {
        this.ledger = ledger;
        this.progress = progress;
        this.chunkBytes = chunkBytes;
        this.groupBytes = groupBytes;
        this.beforeOpen = beforeOpen;
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
        cursors = ledger.imports().transcriptCursors();
        return run(dirs.stream().map(Path::toString).toList(),
                distinct(TranscriptWalk.walk(dirs, unreadable, linksSkipped)), t0);
    }

    /**
     * Imports just these files of one {@code projects/} folder (the statusline's session and its
     * subagents): the same reading, counting and cursors as a whole-tree import, without the walk or
     * every other file's cursor. A file that does not exist is refused before anything is read.
     */
    public ImportSummary runFiles(Path projectsDir, List<Path> paths) {
        long t0 = System.nanoTime();
        List<TranscriptWalk.Found> files = new ArrayList<>();
        Map<String, TranscriptCursor> known = new java.util.HashMap<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath();
            try {
                files.add(new TranscriptWalk.Found(projectsDir.toAbsolutePath(), abs,
                        Files.readAttributes(abs, java.nio.file.attribute.BasicFileAttributes.class)));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("transcript " + p + " cannot be read: " + e.getMessage());
            }
            TranscriptCursor c = ledger.imports().transcriptCursor(abs.toString());
            if (c != null) {
                known.put(c.path(), c);
            }
        }
        cursors = known;
        return run(List.of(projectsDir.toString()), files, t0);
    }

    private ImportSummary run(List<String> labels, List<TranscriptWalk.Found> files, long t0) {
        filesTotal = files.size();
        BlockingQueue<Step> handOff = new ArrayBlockingQueue<>(HANDOFF_CHUNKS);
        TranscriptReader reader = new TranscriptReader(cursors, chunkBytes, handOff::put, beforeOpen, malformed,
                pending, unreadable);
        Throwable[] failed = {null};
        Thread reading = new Thread(() -> {
            try {
                for (TranscriptWalk.Found found : files) {
                    reader.file(TranscriptFile.of(found.projects(), found.path()), found.attrs());
                }
            } catch (InterruptedException e) {
                return; // the committing thread stopped the import and will not take more
            } catch (RuntimeException | Error e) {
                failed[0] = e;
            }
            try {
                handOff.put(new TranscriptReader.End());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "tokenomics-import-reader");
        reading.setDaemon(true); // never keeps a JVM alive on its own
        reading.start();
        try {
            commitAll(handOff);
        } finally {
            reading.interrupt(); // at the end a no-op; after a failure it frees a reader waiting for room
            joinUninterruptibly(reading);
        }
        if (failed[0] instanceof RuntimeException e) {
            throw e;
        } else if (failed[0] instanceof Error e) {
            throw e;
        }
        return new ImportSummary(labels, files.size(), reader.read,
                reader.unchanged, reader.restarted, bytes, lines, added, replaced, duplicates + reader.duplicates,
                reader.synthetic, malformed.count(), malformed.samples(), pending.count(), pending.samples(),
                unreadable.count(), unreadable.samples(), linksSkipped.count(), linksSkipped.samples(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Commits the batches with their cursors, in file order, on this thread, a group of them at a
     * time: a batch is in the ledger with its cursor or not at all, so a killed import resumes
     * exactly. A file counts as done once its last batch is committed.
     */
    private void commitAll(BlockingQueue<Step> handOff) {
        List<TranscriptReader.Commit> group = new ArrayList<>();
        long groupLines = 0;
        long doneInGroup = 0;
        while (true) {
            Step step;
            try {
                step = handOff.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("import interrupted after " + filesDone + " of " + filesTotal
                        + " files; what was committed stays and the next run resumes there", e);
            }
            if (step instanceof TranscriptReader.Commit c) {
                group.add(c);
                groupLines += c.bytes();
            } else if (step instanceof TranscriptReader.FileDone) {
                if (group.isEmpty()) {
                    progress.update(++filesDone, filesTotal, bytes, lines); // nothing of it waits
                } else {
                    doneInGroup++;
                }
            }
            boolean end = step instanceof TranscriptReader.End;
            if (!group.isEmpty() && (end || groupLines >= groupBytes || doneInGroup >= GROUP_FILES)) {
                commit(group);
                filesDone += doneInGroup;
                progress.update(filesDone, filesTotal, bytes, lines); // a long file moves the bar too
                group.clear();
                groupLines = 0;
                doneInGroup = 0;
            }
            if (end) {
                return;
            }
        }
    }

    private void commit(List<TranscriptReader.Commit> group) {
        List<TranscriptBatch> batches = new ArrayList<>(group.size());
        for (TranscriptReader.Commit c : group) {
            batches.add(c.batch());
        }
        TranscriptBatch.Outcome o = ledger.imports().importTranscripts(batches);
        added += o.added();
        replaced += o.replaced();
        duplicates += o.duplicates();
        for (TranscriptReader.Commit c : group) {
            bytes += c.bytes();
            lines += c.lines();
        }
    }

    private static void joinUninterruptibly(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
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
}
