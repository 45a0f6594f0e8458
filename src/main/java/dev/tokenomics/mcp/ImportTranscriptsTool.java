package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.any;
import static dev.tokenomics.mcp.JsonSchemas.array;
import static dev.tokenomics.mcp.JsonSchemas.object;
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
        for (String k : List.of("dirs", "files_seen", "files_read", "files_unchanged", "files_restarted", "bytes_read",
                "lines", "added", "replaced", "duplicates_skipped", "synthetic_skipped", "malformed",
                "malformed_samples", "pending_lines", "pending_samples", "unreadable", "unreadable_samples",
                "links_skipped", "links_skipped_samples", "elapsed_ms")) {
            out.put(k, any(k.replace('_', ' ')));
        }
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
        return ToolResults.spec(tool, (args, exchange, token) -> {
            args.rejectUnknown(Set.of("dirs"));
            List<Path> dirs = dirs(args);
            long[] last = {0};
            TranscriptImporter.Progress progress = token == null ? TranscriptImporter.Progress.NONE
                    : (done, files, bytes, lines) -> {
                        long now = System.currentTimeMillis();
                        if (done < files && now - last[0] < PROGRESS_EVERY_MS) {
                            return;
                        }
                        last[0] = now;
                        exchange.progressNotification(new ProgressNotification(token, (double) done, (double) files,
                                done + " of " + files + " files, " + bytes / 1_000_000 + " MB, " + lines + " lines"));
                    };
            ImportSummary s = new TranscriptImporter(ledger, progress).run(dirs);
            return ToolResults.ok(TranscriptViews.summary(s), TranscriptViews.summaryText(s));
        });
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
