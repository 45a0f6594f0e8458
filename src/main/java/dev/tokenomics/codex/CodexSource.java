package dev.tokenomics.codex;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.ImportCursor;
import dev.tokenomics.ledger.SourceBatch;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.transcripts.AgentSource;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.Tally;
import dev.tokenomics.transcripts.TranscriptImporter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
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
import java.util.stream.Stream;

/**
 * Codex CLI: {@code $CODEX_HOME} (default {@code ~/.codex}), files {@code sessions/YYYY/MM/DD/rollout-*.jsonl}
 * and {@code archived_sessions/rollout-*.jsonl}. The counting rules are {@link CodexRollout}'s. Each
 * file keeps a cursor in import_state: an unchanged file is not opened, a grown one is read from its
 * last complete line with the reader's state as it was there, and one whose first bytes changed or
 * that shrank is read again from the start. A file copied into both folders gives the same record
 * keys twice: the second copy stores nothing ({@code duplicates_skipped}).
 */
public final class CodexSource implements AgentSource {
    private static final int HEAD_BYTES = 4096;

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
        Map<String, ImportCursor> cursors = ledger.importCursors(Sources.CODEX);
        Run run = new Run(ledger, cursors, unreadable);
        long done = 0;
        for (Path f : files) {
            run.file(f);
            progress.update(++done, files.size(), run.bytes, run.lines);
        }
        return new ImportSummary(dirs.stream().map(Path::toString).toList(), files.size(), run.read, run.unchanged,
                run.restarted, run.bytes, run.lines, run.added, 0, run.duplicates, 0, run.malformed.count(),
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

    /** One import's counts, kept as the files are read in path order. */
    private static final class Run {
        final TokenLedger ledger;
        final Map<String, ImportCursor> cursors;
        final Tally unreadable;
        final Tally malformed = new Tally();
        final Tally pending = new Tally();
        long read;
        long unchanged;
        long restarted;
        long bytes;
        long lines;
        long added;
        long duplicates;

        Run(TokenLedger ledger, Map<String, ImportCursor> cursors, Tally unreadable) {
            this.ledger = ledger;
            this.cursors = cursors;
            this.unreadable = unreadable;
        }

        void file(Path f) {
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
                    String text = new String(data, start, i - start, StandardCharsets.UTF_8);
                    if (end && !completeJson(text)) {
                        pending.add(path + ": last line has no newline yet and is not complete JSON; read next time");
                        break;
                    }
                    lineNo++;
                    if (rollout.line(text, events) == CodexRollout.Outcome.MALFORMED) {
                        bad++;
                        malformed.add(path + ":" + lineNo + ": " + rollout.lastProblem);
                    }
                    start = i + 1;
                    consumed = Math.min(i + 1, data.length);
                }
                long offset = from + consumed;
                ImportCursor after = new ImportCursor(Sources.CODEX, path, Math.max(size, offset), mtime, offset,
                        headHash(f, offset), lineNo, bad, rollout.state().toJson());
                SourceBatch.Outcome o = ledger.importSource(new SourceBatch(after, events));
                added += o.added();
                duplicates += o.duplicates() + rollout.skipped;
                bytes += consumed;
                lines += rollout.lines;
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
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ch.position(from);
            try (InputStream in = Channels.newInputStream(ch)) {
                return in.readAllBytes();
            }
        }
    }

    /** SHA-256 of the first min(4096, upTo) bytes: a file rewritten from the start is read again. */
    static String headHash(Path f, long upTo) throws IOException {
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
}
