package dev.tokenomics.workflow;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.ImportCursor;
import dev.tokenomics.ledger.SourceBatch;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.WorkflowRunRow;
import dev.tokenomics.pricing.Usage;
import dev.tokenomics.transcripts.AgentSource;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.Tally;
import dev.tokenomics.transcripts.TranscriptImporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Claude Code workflow telemetry: {@code wf_*.json} under each project's {@code tasks/} (or a file or
 * folder given with --workflow). A run is {@code runId}, {@code workflowName}, {@code status},
 * {@code totalTokens} and {@code workflowProgress}, whose {@code workflow_agent} entries carry the
 * stage ({@code phaseTitle}), {@code model}, {@code state} and ONE token count each. Each agent becomes
 * an event (source workflow, stage, agent = its label, ref workflow_run/runId, status error when its
 * state is error) with that count split {@link #INPUT_SHARE_PERCENT}% input, the rest output: the
 * telemetry has no split, so its cost is an estimate, and the event's note says so. A file is
 * rewritten whole as a run goes on: a changed file is read again and its agents replace theirs.
 */
public final class WorkflowSource implements AgentSource {
    /** The documented blend: agent work is mostly reading (prompt, files, tool results). */
    public static final int INPUT_SHARE_PERCENT = 85;
    static final String NOTE = "workflow telemetry: one token count per agent, split " + INPUT_SHARE_PERCENT
            + "% input / " + (100 - INPUT_SHARE_PERCENT) + "% output as an estimate";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public String name() {
        return Sources.WORKFLOW;
    }

    @Override
    public String dirOption() {
        return "--workflow";
    }

    /** The Claude dirs that have a project with a tasks/ folder. */
    @Override
    public List<Path> defaultDirs(Map<String, String> env) {
        List<Path> out = new ArrayList<>();
        for (Path claude : TranscriptImporter.defaultDirs(env)) {
            if (!tasksFolders(claude).isEmpty()) {
                out.add(claude);
            }
        }
        return out;
    }

    private static List<Path> tasksFolders(Path claude) {
        Path projects = claude.resolve("projects");
        if (!Files.isDirectory(projects)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(projects)) {
            return s.map(p -> p.resolve("tasks")).filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    @Override
    public ImportSummary importFrom(TokenLedger ledger, List<Path> paths, TranscriptImporter.Progress progress) {
        long t0 = System.nanoTime();
        Tally unreadable = new Tally();
        Tally malformed = new Tally();
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isRegularFile(p)) {
                files.add(p.toAbsolutePath());
            } else if (Files.isDirectory(p)) {
                List<Path> roots = Files.isDirectory(p.resolve("projects")) ? tasksFolders(p) : List.of(p);
                for (Path root : roots) {
                    try (Stream<Path> s = Files.walk(root)) {
                        s.filter(f -> f.getFileName().toString().startsWith("wf_")
                                && f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                                .map(Path::toAbsolutePath).sorted().forEach(files::add);
                    } catch (IOException | java.io.UncheckedIOException e) {
                        unreadable.add(root + ": " + e.getMessage());
                    }
                }
            } else {
                throw new IllegalArgumentException("workflow: " + p + " is not a wf_*.json file or a folder");
            }
        }
        Map<String, ImportCursor> cursors = ledger.imports().importCursors(Sources.WORKFLOW);
        long read = 0;
        long unchanged = 0;
        long bytes = 0;
        long added = 0;
        long replaced = 0;
        long done = 0;
        for (Path f : files) {
            progress.update(done++, files.size(), bytes, read);
            try {
                BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
                ImportCursor k = cursors.get(f.toString());
                long mtime = a.lastModifiedTime().toMillis();
                if (k != null && k.size() == a.size() && k.mtimeMs() == mtime) {
                    unchanged++;
                    continue;
                }
                byte[] data = Files.readAllBytes(f);
                read++;
                bytes += data.length;
                List<EventInput> events = new ArrayList<>();
                WorkflowRunRow run;
                try {
                    run = parse(data, f, Instant.ofEpochMilli(mtime), events);
                } catch (IllegalArgumentException e) {
                    malformed.add(f + ": " + e.getMessage());
                    run = null;
                }
                ImportCursor after = new ImportCursor(Sources.WORKFLOW, f.toString(), data.length, mtime, data.length,
                        "", 1, run == null ? 1 : 0, null);
                SourceBatch.Outcome o = ledger.imports().importSource(new SourceBatch(after, events, true, run));
                added += o.added();
                replaced += o.replaced();
            } catch (IOException e) {
                unreadable.add(f + ": " + e.getMessage());
            }
        }
        progress.update(files.size(), files.size(), bytes, read);
        return new ImportSummary(paths.stream().map(Path::toString).toList(), files.size(), read, unchanged, 0, bytes,
                read, added, replaced, 0, 0, malformed.count(), malformed.samples(), 0, List.of(), unreadable.count(),
                unreadable.samples(), 0, List.of(), (System.nanoTime() - t0) / 1_000_000);
    }

    /** The run and one event per agent; a file that is not a run's telemetry is refused with the reason. */
    static WorkflowRunRow parse(byte[] data, Path file, Instant ts, List<EventInput> out) {
        JsonNode run;
        try {
            run = JSON.readTree(data);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (run == null || !run.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        String runId = text(run.path("runId"));
        if (runId == null) {
            String n = file.getFileName().toString();
            runId = n.substring(0, n.length() - ".json".length());
        }
        JsonNode total = run.path("totalTokens");
        if (!total.isIntegralNumber() || total.asLong() < 0) {
            throw new IllegalArgumentException("totalTokens must be a whole number >= 0, got " + total);
        }
        JsonNode progress = run.path("workflowProgress");
        if (!progress.isArray()) {
            throw new IllegalArgumentException("workflowProgress must be an array");
        }
        int i = 0;
        for (JsonNode e : progress) {
            if (!"workflow_agent".equals(text(e.path("type")))) {
                continue; // phase headers carry no tokens
            }
            JsonNode tokens = e.path("tokens");
            if (!tokens.isIntegralNumber() || tokens.asLong() < 0) {
                throw new IllegalArgumentException("workflowProgress[" + i + "].tokens must be a whole number >= 0, got "
                        + tokens);
            }
            long n = tokens.asLong();
            long in = n * INPUT_SHARE_PERCENT / 100;
            String key = String.format(java.util.Locale.ROOT, "wf:%s:%05d", runId, i++);
            out.add(new EventInput(key, ts, null, null, null, null, null, null, null, text(e.path("label")),
                    text(e.path("model")), text(e.path("phaseTitle")), null, null, null, "workflow_run", runId,
                    new Usage(in, n - in, 0, 0, 0), null, true, Sources.WORKFLOW,
                    "error".equals(text(e.path("state"))) ? "error" : "ok", NOTE));
        }
        return new WorkflowRunRow(runId, text(run.path("workflowName")), text(run.path("status")), total.asLong(),
                file.toString());
    }

    private static String text(JsonNode n) {
        return n.isString() && !n.asString().isBlank() ? n.asString() : null;
    }
}
