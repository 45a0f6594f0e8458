package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.array;
import static dev.tokenomics.mcp.JsonSchemas.object;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.Results;
import dev.tokenomics.report.TranscriptViews;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.transcripts.AgentSource;
import dev.tokenomics.transcripts.AgentSources;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.TranscriptImporter;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.ProgressNotification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** import_transcripts: Claude Code's exact per-response usage into the ledger, incrementally. */
final class ImportTranscriptsTool {
    static final String NAME = "import_transcripts";
    /** At most one progress notification per this many milliseconds, plus one per file at the end. */
    private static final long PROGRESS_EVERY_MS = 250;

    private ImportTranscriptsTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Import agent transcripts")
                .description("Import the agents' own usage logs (Claude Code, Codex, Gemini CLI, OpenCode, "
                        + "workflow runs), every response once; a re-import reads only what is new. Default: every "
                        + "source found in its usual folder. Malformed lines are counted and named.")
                .inputSchema(object(inputProperties(), List.of()))
                .outputSchema(ResultSchemas.of(Results.Imports.class))
                .annotations(new ToolAnnotations("Import agent transcripts", false, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange, token, meta) -> {
            args.rejectUnknown(Set.of("dirs", "codex_dirs", "gemini_dirs", "opencode_dirs", "workflow_paths",
                    "sources"));
            Map<AgentSource, List<Path>> chosen = AgentSources.choose(args.strings("sources"),
                    Map.of(Sources.CLAUDE_CODE, dirs(args, "dirs"), Sources.CODEX, dirs(args, "codex_dirs"),
                            Sources.GEMINI_CLI, dirs(args, "gemini_dirs"), Sources.OPENCODE, dirs(args, "opencode_dirs"),
                            Sources.WORKFLOW, dirs(args, "workflow_paths")),
                    System.getenv());
            if (chosen.isEmpty()) {
                throw new IllegalArgumentException("dirs: none given, and no agent folder found (CLAUDE_CONFIG_DIR, "
                        + "~/.claude, ~/.config/claude, CODEX_HOME, ~/.codex, GEMINI_DATA_DIR, ~/.gemini/tmp, OPENCODE_DATA_DIR, "
                        + "~/.local/share/opencode)");
            }
            long[] last = {0};
            // Called after each commit (a group of chunks) and each finished file: the place to stop when the
            // client cancelled, with everything before it kept. A stateless hub (no exchange) sends no progress.
            TranscriptImporter.Progress progress = (done, files, bytes, lines) -> {
                if (Cancellations.cancelled(meta)) {
                    throw new Cancelled(done, files, lines);
                }
                long now = System.currentTimeMillis();
                if (token == null || exchange == null || done < files && now - last[0] < PROGRESS_EVERY_MS) {
                    return;
                }
                last[0] = now;
                exchange.progressNotification(new ProgressNotification(token, (double) done, (double) files,
                        done + " of " + files + " files, " + bytes / 1_000_000 + " MB, " + lines + " lines"));
            };
            try {
                Map<String, ImportSummary> each = AgentSources.run(ledger, chosen, progress);
                return ToolResults.ok(Results.Imports.of(each), TranscriptViews.summariesText(each));
            } catch (Cancelled c) {
                return ToolResults.error("import cancelled by the client after " + c.done + " of " + c.files
                        + " files (" + c.lines + " lines) of a source: what was read before is committed and kept, "
                        + "and the next import resumes from there");
            }
        });
    }

    /** Thrown from the progress callback to stop an import the client cancelled. */
    private static final class Cancelled extends RuntimeException {
        final long done;
        final long files;
        final long lines;

        Cancelled(long done, long files, long lines) {
            super("cancelled", null, false, false);
            this.done = done;
            this.files = files;
            this.lines = lines;
        }
    }

    private static List<Path> dirs(Args args, String field) {
        Object raw = args.raw(field);
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException(field + " must be an array of directory paths, got " + raw);
        }
        List<Path> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException(field + " must hold directory paths, got " + o);
            }
            out.add(Path.of(s.strip()));
        }
        return out;
    }

    /** In a fixed order (Map.of's changes from run to run, and with it what tools/list shows). */
    private static Map<String, Object> inputProperties() {
        Map<String, Object> p = new java.util.LinkedHashMap<>();
        p.put("dirs", JsonSchemas.list("Claude config dirs (holding projects/).", JsonSchemas.TEXT));
        p.put("codex_dirs", JsonSchemas.list("Codex homes (holding sessions/).", JsonSchemas.TEXT));
        p.put("gemini_dirs", JsonSchemas.list("Gemini CLI tmp folders (holding <project>/chats/).", JsonSchemas.TEXT));
        p.put("opencode_dirs", JsonSchemas.list("OpenCode data folders (holding opencode.db, storage/).",
                JsonSchemas.TEXT));
        p.put("workflow_paths", JsonSchemas.list("wf_*.json files or folders.", JsonSchemas.TEXT));
        p.put("sources", JsonSchemas.list("Only these sources.", JsonSchemas.oneOf(
                AgentSources.ALL.stream().map(AgentSource::name).toList())));
        return p;
    }
}
