package dev.tokenomics.codex;

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
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

/**
 * Codex CLI: {@code $CODEX_HOME} (default {@code ~/.codex}), files {@code sessions/YYYY/MM/DD/rollout-*.jsonl}
 * and {@code archived_sessions/rollout-*.jsonl}. The counting rules are {@link CodexRollout}'s. Each
 * file keeps a cursor in import_state: an unchanged file is not opened, a grown one is read from its
 * last complete line with the reader's state as it was there, and one whose first bytes changed or
 * that shrank is read again from the start. A file copied into both folders gives the same record
 * keys twice: the second copy stores nothing ({@code duplicates_skipped}). A file's events and cursor
 * always commit together (several files per transaction, {@link #COMMIT_BYTES}).
 */
public final class CodexSource implements AgentSource {
    /**
     * Files read are committed together once this many bytes are in hand: one transaction per small
     * rollout would cost more than reading it; a killed import still resumes exactly, since every
     * file's events and cursor commit together.
     */
    static final int COMMIT_BYTES = 8 << 20;

    @Override
    public String name() {
        return Sources.CODEX;
    }

    @Override
    public String dirOption() {
        return "--codex-dir";
    }

    @Override
    public List<Path> defaultDirs(Map<String, String> env) {
        String configured = env.get("CODEX_HOME");
        Path home = configured != null && !configured.isBlank() ? Path.of(configured.strip())
                : AgentSource.home(env).resolve(".codex");
        return Files.isDirectory(home.resolve("sessions")) || Files.isDirectory(home.resolve("archived_sessions"))
                ? List.of(home) : List.of();
    }

    @Override
    public ImportSummary importFrom(TokenLedger ledger, List<Path> dirs, TranscriptImporter.Progress progress) {
        long t0 = System.nanoTime();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException("codex dirs: " + d + " is not a directory");
            }
        }
        Tally unreadable = new Tally();
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            for (String sub : List.of("sessions", "archived_sessions")) {
                Path root = d.resolve(sub).toAbsolutePath();
                if (Files.isDirectory(root)) {
                    files.addAll(walk(root, unreadable));
                }
            }
        }
        Map<String, ImportCursor> cursors = ledger.imports().importCursors(Sources.CODEX);
        // As for Claude Code: one thread reads and counts the next files while this one commits the
        // last ones, through a hand-off of one chunk, so both cores work and memory stays bounded.
        BlockingQueue<Chunk> handOff = new ArrayBlockingQueue<>(1);
        Run run = new Run(cursors, unreadable, handOff);
        Throwable[] failed = {null};
        Thread reading = new Thread(() -> {
            try {
                for (Path f : files) {
                    run.file(f);
                }
                run.flush();
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
        }, "tokenomics-codex-reader");
        reading.setDaemon(true);
        reading.start();
        long added = 0;
        long stored = 0;
        try {
            while (true) {
                Chunk c = handOff.take();
                if (c == Chunk.END) {
                    break;
                }
                SourceBatch.Outcome o = ledger.imports().importSources(c.batches());
                added += o.added();
                stored += o.duplicates();
                progress.update(c.filesDone(), files.size(), c.bytes(), c.lines());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("codex import interrupted; what was committed stays and the next run "
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
        progress.update(files.size(), files.size(), run.bytes, run.lines);
        return new ImportSummary(dirs.stream().map(Path::toString).toList(), files.size(), run.read, run.unchanged,
                run.restarted, run.bytes, run.lines, added, 0, run.duplicates + stored, 0, run.malformed.count(),
                run.malformed.samples(), run.pending.count(), run.pending.samples(), unreadable.count(),
                unreadable.samples(), 0, List.of(), (System.nanoTime() - t0) / 1_000_000);
    }

    private static List<Path> walk(Path root, Tally unreadable) {
        try (Stream<Path> s = Files.walk(root, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.startsWith("rollout-") && n.endsWith(".jsonl") && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            unreadable.add(root + ": " + e.getMessage());
            return List.of();
        }
    }

    /** The session id a rollout's name carries ({@code rollout-<time>-<id>.jsonl}), used when its meta has none. */
    static String sessionIdFromName(String fileName) {
        String n = fileName.endsWith(".jsonl") ? fileName.substring(0, fileName.length() - 6) : fileName;
        if (n.startsWith("rollout-") && n.length() > "rollout-YYYY-MM-DDThh-mm-ss-".length()) {
            return n.substring("rollout-YYYY-MM-DDThh-mm-ss-".length());
        }
        return n;
    }

    /** Files read and counted, ready to commit; END closes the hand-off. */
    private record Chunk(List<SourceBatch> batches, long filesDone, long bytes, long lines) {
        static final Chunk END = new Chunk(List.of(), 0, 0, 0);
    }

    /** One import's reading and counting, file by file in path order, on the reading thread. */
    private static final class Run {
        final BlockingQueue<Chunk> handOff;
        final Map<String, ImportCursor> cursors;
        final Tally unreadable;
        final Tally malformed = new Tally();
        final Tally pending = new Tally();
        long read;
        long unchanged;
        long restarted;
        long bytes;
        long lines;
        long duplicates;
        long filesDone;
        final List<SourceBatch> toCommit = new ArrayList<>();
        long pendingBytes;

        Run(Map<String, ImportCursor> cursors, Tally unreadable, BlockingQueue<Chunk> handOff) {
            this.handOff = handOff;
            this.cursors = cursors;
            this.unreadable = unreadable;
        }

        /** Hands the files read so far over, to commit each with its cursor in one transaction. */
        void flush() throws InterruptedException {
            if (toCommit.isEmpty()) {
                return;
            }
            handOff.put(new Chunk(List.copyOf(toCommit), filesDone, bytes, lines));
            toCommit.clear();
            pendingBytes = 0;
        }

        void file(Path f) throws InterruptedException {
            filesDone++;
            String path = f.toString();
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                long size = a.size();
                long mtime = a.lastModifiedTime().toMillis();
                ImportCursor k = cursors.get(path);
                if (k != null && k.size() == size && k.mtimeMs() == mtime) {
                    unchanged++;
                    return;
                }
                CodexState state = null;
                long from = 0;
                long lineNo = 0;
                long bad = 0;
                if (k != null && size >= k.offset() && k.headHash().equals(headHash(f, k.offset()))) {
                    state = CodexState.fromJson(k.state());
                    if (state != null) {
                        from = k.offset();
                        lineNo = k.lines();
                        bad = k.malformed();
                    }
                }
                if (k != null && from == 0) {
                    restarted++;
                }
                read++;
                CodexRollout rollout = new CodexRollout(state == null ? new CodexState() : state,
                        sessionIdFromName(f.getFileName().toString()));
                byte[] data = readFrom(f, from);
                List<EventInput> events = new ArrayList<>();
                int start = 0;
                int consumed = 0;
                for (int i = 0; i <= data.length; i++) {
                    boolean end = i == data.length;
                    if (!end && data[i] != '\n') {
                        continue;
                    }
                    if (end && start == data.length) {
                        break;
                    }
                    if (end && !completeJson(new String(data, start, i - start, StandardCharsets.UTF_8))) {
                        pending.add(path + ": last line has no newline yet and is not complete JSON; read next time");
                        break;
                    }
                    lineNo++;
                    if (rollout.line(data, start, i, events) == CodexRollout.Outcome.MALFORMED) {
                        bad++;
                        malformed.add(path + ":" + lineNo + ": " + rollout.lastProblem);
                    }
                    start = i + 1;
                    consumed = Math.min(i + 1, data.length);
                }
                long offset = from + consumed;
                ImportCursor after = new ImportCursor(Sources.CODEX, path, Math.max(size, offset), mtime, offset,
                        headHash(f, offset), lineNo, bad, rollout.state().toJson());
                toCommit.add(new SourceBatch(after, events));
                pendingBytes += consumed;
                duplicates += rollout.skipped;
                bytes += consumed;
                lines += rollout.lines;
                if (pendingBytes >= COMMIT_BYTES) {
                    flush();
                }
            } catch (IOException e) {
                unreadable.add(path + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        }

        private static boolean completeJson(String text) {
            String t = text.strip();
            if (!t.startsWith("{") || !t.endsWith("}")) {
                return false;
            }
            try {
                return tools.jackson.databind.json.JsonMapper.builder().build().readTree(t).isObject();
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    private static byte[] readFrom(Path f, long from) throws IOException {
        return FilePipeline.readFrom(f, from);
    }

    /** SHA-256 of the first min(4096, upTo) bytes: a file rewritten from the start is read again. */
    static String headHash(Path f, long upTo) throws IOException {
        return FilePipeline.headHash(f, upTo);
    }
}
