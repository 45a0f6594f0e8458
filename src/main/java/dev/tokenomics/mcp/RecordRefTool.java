package dev.tokenomics.mcp;

import static dev.tokenomics.mcp.JsonSchemas.object;
import static dev.tokenomics.mcp.JsonSchemas.string;

import dev.tokenomics.ledger.Ref;
import dev.tokenomics.ledger.RefRecorded;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.text.Format;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.spec.McpSchema.Tool;
import io.modelcontextprotocol.spec.McpSchema.ToolAnnotations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** record_ref: a commit, PR or release with its size, so the report can give cost per LOC. */
final class RecordRefTool {
    static final String NAME = "record_ref";

    private RecordRefTool() {}

    static SyncToolSpecification spec(TokenLedger ledger) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("ref_type", string("As events give it: commit, pr, release, ..."));
        p.put("ref_id", string("As events give it: full SHA, PR number, tag."));
        p.put("repo", JsonSchemas.TEXT);
        p.put("title", string("Commit subject or PR title."));
        p.put("loc_added", JsonSchemas.ordered("type", "integer", "minimum", 0));
        p.put("loc_removed", JsonSchemas.ordered("type", "integer", "minimum", 0));
        p.put("merged_at", string("When it landed: ISO-8601 with a zone, or YYYY-MM-DD (UTC)."));
        Tool tool = Tool.builder()
                .name(NAME)
                .title("Record ref")
                .description("Record a commit's, PR's or release's lines added and removed, so the report can "
                        + "give cost per LOC. Joins events by ref_type and ref_id; the same "
                        + "ref again replaces it.")
                .inputSchema(object(p, List.of("ref_type", "ref_id")))
                .outputSchema(ResultSchemas.of(ToolAnswers.RefRecorded.class))
                .annotations(new ToolAnnotations("Record ref", false, false, true, false, null))
                .build();
        return ToolResults.spec(tool, (args, exchange) -> {
            args.rejectUnknown(Set.of("ref_type", "ref_id", "repo", "title", "loc_added", "loc_removed", "merged_at"));
            Long added = args.wholeNumber("loc_added");
            Long removed = args.wholeNumber("loc_removed");
            String merged = args.string("merged_at");
            Instant mergedAt = merged == null || merged.isBlank() ? null : Times.parseBound("merged_at", merged.strip(), false);
            Ref ref = new Ref(args.requireString("ref_type"), args.requireString("ref_id"), args.string("repo"),
                    args.string("title"), added == null ? 0 : added, removed == null ? 0 : removed, mergedAt, "manual");
            RefRecorded r = ledger.tasks().recordRef(ref);
            String text = (r.replaced() ? "Replaced" : "Recorded") + " ref " + ref.key() + ": +"
                    + Format.count(ref.locAdded()) + " -" + Format.count(ref.locRemoved()) + " LOC; "
                    + Format.count(r.events()) + " events carry it\n";
            return ToolResults.ok(new ToolAnswers.RefRecorded(ref.refType(), ref.refId(), ref.repo(), ref.title(),
                    ref.locAdded(), ref.locRemoved(), ref.loc(), Times.format(ref.mergedAt()), r.replaced(), r.events()),
                    text);
        });
    }
}
