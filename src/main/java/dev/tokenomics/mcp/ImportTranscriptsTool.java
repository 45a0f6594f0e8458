package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.array;
import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.outs;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.report.TranscriptViews;
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.putAll(outs("dirs:array files_seen:integer files_read:integer files_unchanged:integer "
                + "files_restarted:integer bytes_read:integer lines:integer added:integer replaced:integer "
                + "duplicates_skipped:integer synthetic_skipped:integer malformed:integer malformed_samples:array "
                + "pending_lines:integer pending_samples:array unreadable:integer unreadable_samples:array "
                + "links_skipped:integer links_skipped_samples:array elapsed_ms:integer"));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Import Claude Code transcripts")
                .description("Import Claude Code transcripts (<dir>/projects/**/*.jsonl): the exact usage "
                        + "of every API response, once; a re-import reads only new lines. Default dirs: "
                        + "CLAUDE_CONFIG_DIR, else ~/.claude and ~/.config/claude. Malformed lines and unreadable "
                        + "files are counted and named. Sends progress given a progressToken.")
                .inputSchema(object(Map.of("dirs", array("Claude config dirs (each holding projects/).",
                        string("A directory."), 100)), List.of()))
                .outputSchema(object(out, List.of("files_seen", "added")))
                .annotations(new ToolAnnotations("Import Claude Code transcripts", false, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange, token, meta) -> {
            args.rejectUnknown(Set.of("dirs"));
            List<Path> dirs = dirs(args);
            long[] last = {0};
            // Called after each commit (a group of chunks) and each finished file: the place to stop when the
            // client cancelled, with everything before it kept.
            TranscriptImporter.Progress progress = (done, files, bytes, lines) -> {
                if (Cancellations.cancelled(meta)) {
                    throw new Cancelled(done, files, lines);
                }
                long now = System.currentTimeMillis();
                if (token == null || done < files && now - last[0] < PROGRESS_EVERY_MS) {
                    return;
                }
                last[0] = now;
                exchange.progressNotification(new ProgressNotification(token, (double) done, (double) files,
                        done + " of " + files + " files, " + bytes / 1_000_000 + " MB, " + lines + " lines"));
            };
            try {
                ImportSummary s = new TranscriptImporter(ledger, progress).run(dirs);
                return ToolResults.ok(TranscriptViews.summary(s), TranscriptViews.summaryText(s));
            } catch (Cancelled c) {
                return ToolResults.error("import cancelled by the client after " + c.done + " of " + c.files
                        + " files (" + c.lines + " lines): what was read before is committed and kept, and the "
                        + "next import resumes from there");
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

    private static List<Path> dirs(Args args) {
        Object raw = args.raw("dirs");
        if (raw == null) {
            List<Path> found = TranscriptImporter.defaultDirs(System.getenv());
            if (found.isEmpty()) {
                throw new IllegalArgumentException("dirs: none given, CLAUDE_CONFIG_DIR is not set and neither "
                        + "~/.claude nor ~/.config/claude exists");
            }
            return found;
        }
        if (!(raw instanceof List<?> list)) {
            throw new IllegalArgumentException("dirs must be an array of directory paths, got " + raw);
        }
        List<Path> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s) || s.isBlank()) {
                throw new IllegalArgumentException("dirs must hold directory paths, got " + o);
            }
            out.add(Path.of(s.strip()));
        }
        return out;
    }
}
