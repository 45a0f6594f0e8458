package dev.tokenomics.gemini;

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
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Gemini CLI: {@code $GEMINI_DATA_DIR} (comma-separated, as ccusage reads it) else {@code ~/.gemini/tmp},
 * one folder per project ({@code <project hash>/chats/}) holding {@code session-*.jsonl}, legacy
 * {@code session-*.json}, and subagents' chats in {@code chats/<parent session id>/*.jsonl}. The counting
 * rules are {@link GeminiChat}'s. A {@code .jsonl} keeps a cursor in import_state (an unchanged file is
 * not opened, a grown one is read from its last complete line with the reader's state as it was there,
 * one whose first bytes changed or that shrank is read again); a legacy {@code .json} is read again whole
 * when it changed. Every batch replaces stored events of the same key: a message re-appended with more
 * tokens after the last import takes its place.
 */
public final class GeminiSource implements AgentSource {
    @Override
    public String name() {
        return Sources.GEMINI_CLI;
    }

    @Override
    public String dirOption() {
        return "--gemini-dir";
    }

    @Override
    public List<Path> defaultDirs(Map<String, String> env) {
        String configured = env.get("GEMINI_DATA_DIR");
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
        Path tmp = AgentSource.home(env).resolve(".gemini").resolve("tmp");
        return Files.isDirectory(tmp) ? List.of(tmp) : List.of();
    }

    @Override
    public ImportSummary importFrom(TokenLedger ledger, List<Path> dirs, TranscriptImporter.Progress progress) {
        long t0 = System.nanoTime();
        for (Path d : dirs) {
            if (!Files.isDirectory(d)) {
                throw new IllegalArgumentException("gemini dirs: " + d + " is not a directory");
            }
        }
        Tally unreadable = new Tally();
        Set<Path> found = new LinkedHashSet<>();
        for (Path d : dirs) {
            // ~/.gemini itself is accepted too: its chats are under tmp/.
            Path root = (Files.isDirectory(d.resolve("tmp")) ? d.resolve("tmp") : d).toAbsolutePath().normalize();
            found.addAll(walk(root, unreadable));
        }
        List<Path> files = found.stream().sorted().toList(); // a legacy x.json before the x.jsonl resumed from it
        Run run = new Run(ledger.imports().importCursors(Sources.GEMINI_CLI));
        FilePipeline.Outcome o = FilePipeline.run(ledger, files, run::file, unreadable, progress, "gemini");
        return new ImportSummary(dirs.stream().map(Path::toString).toList(), files.size(), run.read, run.unchanged,
                run.restarted, o.bytes(), o.lines(), o.added(), o.replaced(), o.duplicates() + run.superseded, 0,
                run.malformed.count(), run.malformed.samples(), run.pending.count(), run.pending.samples(),
                unreadable.count(), unreadable.samples(), 0, List.of(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** {@code <project>/chats/session-*.json(l)} and {@code <project>/chats/<parent>/*.jsonl} under a Gemini tmp folder. */
    private static List<Path> walk(Path root, Tally unreadable) {
        try (Stream<Path> s = Files.walk(root, 4, FileVisitOption.FOLLOW_LINKS)) {
            return s.filter(p -> chat(root, p) && Files.isRegularFile(p)).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            unreadable.add(root + ": " + e.getMessage());
            return List.of();
        }
    }

    private static boolean chat(Path root, Path p) {
        String n = p.getFileName().toString();
        Path parent = p.getParent();
        if (parent == null || parent.equals(root)) {
            return false;
        }
        if (parent.getFileName().toString().equals("chats")) {
            return n.startsWith("session-") && (n.endsWith(".jsonl") || n.endsWith(".json"));
        }
        Path up = parent.getParent();
        return up != null && up.getFileName() != null && up.getFileName().toString().equals("chats")
                && n.endsWith(".jsonl");
    }

    /** The file's name without .json/.jsonl: the session when no metadata names one. */
    static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** One import's reading and counting, file by file in path order, on the reading thread. */
    private static final class Run {
        final Map<String, ImportCursor> cursors;
        final Map<Path, String> repos = new HashMap<>();
        final Tally malformed = new Tally();
        final Tally pending = new Tally();
        long read;
        long unchanged;
        long restarted;
        long superseded;

        Run(Map<String, ImportCursor> cursors) {
            this.cursors = cursors;
        }

        FilePipeline.Read file(Path f) throws IOException {
            String path = f.toString();
            BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
            long size = a.size();
            long mtime = a.lastModifiedTime().toMillis();
            ImportCursor k = cursors.get(path);
            if (k != null && k.size() == size && k.mtimeMs() == mtime) {
                unchanged++;
                return FilePipeline.Read.UNCHANGED;
            }
            read++;
            boolean subagent = !f.getParent().getFileName().toString().equals("chats");
            Path projectDir = subagent ? f.getParent().getParent().getParent() : f.getParent().getParent();
            String parentSession = subagent ? f.getParent().getFileName().toString() : null;
            String repo = repos.computeIfAbsent(projectDir, Run::projectRepo);
            String stem = stem(f.getFileName().toString());
            if (path.endsWith(".json")) {
                GeminiChat chat = new GeminiChat(new GeminiState(), stem, parentSession, repo);
                byte[] data = FilePipeline.readFrom(f, 0);
                for (String problem : chat.legacy(data)) {
                    malformed.add(path + ": " + problem);
                }
                if (k != null) {
                    restarted++;
                }
                superseded += chat.superseded;
                // Read whole whenever its size or time changes: no head hash needed.
                ImportCursor after = new ImportCursor(Sources.GEMINI_CLI, path, Math.max(size, data.length), mtime,
                        data.length, "-", chat.records, 0, null);
                return new FilePipeline.Read(new SourceBatch(after, chat.events(), true, null), data.length,
                        chat.records);
            }
            GeminiState state = null;
            long from = 0;
            long lineNo = 0;
            long bad = 0;
            if (k != null && size >= k.offset() && k.headHash().equals(FilePipeline.headHash(f, k.offset()))) {
                state = GeminiState.fromJson(k.state());
                if (state != null) {
                    from = k.offset();
                    lineNo = k.lines();
                    bad = k.malformed();
                }
            }
            if (k != null && from == 0) {
                restarted++;
            }
            GeminiChat chat = new GeminiChat(state == null ? new GeminiState() : state, stem, parentSession, repo);
            byte[] data = FilePipeline.readFrom(f, from);
            // One Latin-1 view of the bytes (a plain copy, one char per byte) so String.indexOf's vectorised
            // search finds the newlines and the two words that make a line worth parsing; an ASCII word
            // cannot match inside a multi-byte UTF-8 character.
            String view = new String(data, StandardCharsets.ISO_8859_1);
            // The complete lines first: a message is re-appended whole as it changes, so only the last
            // record of each id (Gemini CLI writes the id first: {"id":"...",) is parsed; the earlier
            // ones are superseded, only checked to be one {...}. Two thirds of the records, unread.
            int[] bounds = new int[64];
            int count = 0;
            int start = 0;
            while (start < data.length) {
                int nl = view.indexOf('\n', start);
                int end = nl < 0 ? data.length : nl;
                if (nl < 0 && !completeJson(data, start, end)) {
                    pending.add(path + ":" + (lineNo + 1 + count) + ": last line has no newline yet and is not "
                            + "complete JSON; read next time");
                    break;
                }
                if (2 * count + 2 > bounds.length) {
                    bounds = java.util.Arrays.copyOf(bounds, bounds.length * 2);
                }
                bounds[2 * count] = start;
                bounds[2 * count + 1] = end;
                count++;
                start = end + 1;
            }
            Map<String, Integer> lastOf = new HashMap<>();
            for (int i = 0; i < count; i++) {
                String id = leadingId(view, bounds[2 * i], bounds[2 * i + 1]);
                if (id != null) {
                    lastOf.put(id, i);
                }
            }
            int nextTokens = view.indexOf("\"tokens\"");
            int nextSession = view.indexOf("\"sessionId\"");
            int consumed = 0;
            for (int i = 0; i < count; i++) {
                int from0 = bounds[2 * i];
                int end = bounds[2 * i + 1];
                while (nextTokens >= 0 && nextTokens < from0) {
                    nextTokens = view.indexOf("\"tokens\"", from0);
                }
                while (nextSession >= 0 && nextSession < from0) {
                    nextSession = view.indexOf("\"sessionId\"", from0);
                }
                String id = leadingId(view, from0, end);
                boolean later = id != null && lastOf.get(id) != i;
                boolean mayCarry = !later && (nextTokens >= 0 && nextTokens < end
                        || nextSession >= 0 && nextSession < end);
                lineNo++;
                GeminiChat.Outcome o = chat.line(data, from0, end, mayCarry);
                if (o == GeminiChat.Outcome.MALFORMED) {
                    bad++;
                    malformed.add(path + ":" + lineNo + ": " + chat.lastProblem);
                } else if (later) {
                    superseded++;
                }
                consumed = Math.min(end + 1, data.length);
            }
            long lines = count;
            superseded += chat.superseded;
            long offset = from + consumed;
            ImportCursor after = new ImportCursor(Sources.GEMINI_CLI, path, Math.max(size, offset), mtime, offset,
                    FilePipeline.headHash(f, offset), lineNo, bad, chat.state().toJson());
            List<EventInput> events = chat.events();
            return new FilePipeline.Read(new SourceBatch(after, events, true, null), consumed, lines);
        }

        /** The id of a line that starts as Gemini CLI writes a message, {"id":"...", else null. */
        static String leadingId(String view, int from, int to) {
            if (!view.startsWith("{\"id\":\"", from)) {
                return null;
            }
            int close = view.indexOf('"', from + 7);
            return close < 0 || close >= to || close - from > 300 ? null : view.substring(from + 7, close);
        }

        private static boolean completeJson(byte[] b, int from, int to) {
            String t = new String(b, from, to - from, StandardCharsets.UTF_8).strip();
            if (!t.startsWith("{") || !t.endsWith("}")) {
                return false;
            }
            try {
                return tools.jackson.databind.json.JsonMapper.builder().build().readTree(t).isObject();
            } catch (RuntimeException e) {
                return false;
            }
        }

        /**
         * The project a chat folder belongs to: Gemini CLI names it by a hash of the project root (or, in
         * later versions, a slug) and keeps the root in {@code .project_root}; its last folder is the repo.
         */
        private static String projectRepo(Path projectDir) {
            if (projectDir == null) {
                return null;
            }
            Path marker = projectDir.resolve(".project_root");
            try {
                return Files.isRegularFile(marker) ? FilePipeline.repo(Files.readString(marker).strip()) : null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
    }
}
