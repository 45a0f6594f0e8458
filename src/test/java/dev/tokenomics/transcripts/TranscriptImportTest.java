package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.append;
import static dev.tokenomics.transcripts.TranscriptFixtures.assistant;
import static dev.tokenomics.transcripts.TranscriptFixtures.simple;
import static dev.tokenomics.transcripts.TranscriptFixtures.user;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Imports of fixture trees in Claude Code's own line shape; every expected count is worked out by
 * hand from the lines written (see the comments by each file).
 */
class TranscriptImportTest {
    static final String P = "-home-dev-src-app";

    @TempDir
    Path dir;

    Path claude() {
        return dir.resolve("claude");
    }

    Path project() {
        return claude().resolve("projects").resolve(P);
    }

    /** The tree of the main test: 9 responses, 4 duplicates, 1 synthetic, 3 malformed. */
    void tree() throws Exception {
        String bad = simple("msg_G", "req_8", "s1", "2026-11-20T10:10:00.000Z", 1, 1)
                .replace("\"output_tokens\":1", "\"output_tokens\":\"ten\"");
        write(project().resolve("s1.jsonl"),
                user("s1", "2026-11-20T10:00:00.000Z"),
                // msg_A streamed over three lines: the last, largest snapshot counts (in 100, out 120)
                simple("msg_A", "req_1", "s1", "2026-11-20T10:00:01.000Z", 100, 10),
                simple("msg_A", "req_1", "s1", "2026-11-20T10:00:02.000Z", 100, 50),
                simple("msg_A", "req_1", "s1", "2026-11-20T10:00:03.000Z", 100, 120),
                simple("msg_B", "req_2", "s1", "2026-11-20T10:01:00.000Z", 200, 20),
                simple("msg_C", "req_3", "s1", "2026-11-20T10:02:00.000Z", 300, 30),
                // cache writes split 1000 (5m) + 2000 (1h), 4000 read
                assistant("msg_D", "req_4", "s1", "2026-11-20T10:03:00.000Z", "claude-sonnet-4-5", 10, 5, 3000, 4000,
                        1000L, 2000L, false, null, false),
                assistant("msg_E", "req_5", "s1", "2026-11-20T10:04:00.000Z", "claude-sonnet-4-5", 1000, 100, 0, 0,
                        null, null, false, 0.0123, false),
                assistant("msg_S", "req_6", "s1", "2026-11-20T10:05:00.000Z", "<synthetic>", 0, 0, 0, 0, null, null,
                        false, null, false),
                assistant("msg_F", "req_7", "s1", "2026-11-20T10:06:00.000Z", "mystery-model", 500, 50, 0, 0, null,
                        null, false, null, false),
                "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_tokens\":1}}",
                bad,
                "not json at all",
                assistant("msg_Err", "req_9", "s1", "2026-11-20T10:07:00.000Z", "claude-sonnet-4-5", 5, 0, 0, 0, null,
                        null, false, null, true));
        // a resumed session repeats msg_B: counted once
        write(project().resolve("s2.jsonl"),
                simple("msg_B", "req_2", "s1", "2026-11-20T10:01:00.000Z", 200, 20),
                simple("msg_K", "req_10", "s2", "2026-11-21T09:00:00.000Z", 7, 3));
        // a subagent replays msg_C under a new requestId (dropped) and makes its own call msg_G2
        write(project().resolve("s1").resolve("subagents").resolve("agent-abc.jsonl"),
                assistant("msg_C", "req_11", "s1", "2026-11-20T10:02:30.000Z", "claude-sonnet-4-5", 300, 30, 0, 0,
                        null, null, true, null, false),
                assistant("msg_G2", "req_12", "s1", "2026-11-20T10:08:00.000Z", "claude-haiku-4-5", 40, 4, 0, 0,
                        null, null, true, null, false));
    }

    @Test
    void countsEachResponseOnceWithEveryRuleApplied() throws Exception {
        tree();
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ImportSummary s = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude()));
            assertEquals(3, s.filesSeen());
            // A B C D E F Err (s1) + K (s2) + G2 (subagent)
            assertEquals(9, s.added(), s.toString());
            // A's two earlier snapshots, B again in s2, the sidechain replay of C
            assertEquals(4, s.duplicates(), s.toString());
            assertEquals(1, s.synthetic());
            assertEquals(3, s.malformed());
            assertEquals(3, s.malformedSamples().size());
            assertTrue(s.malformedSamples().get(0).contains("s1.jsonl:11: bad JSON"), s.malformedSamples().toString());
            assertTrue(s.malformedSamples().get(1).contains("s1.jsonl:12: usage.output_tokens must be a whole number"),
                    s.malformedSamples().toString());
            assertTrue(s.malformedSamples().get(2).contains("s1.jsonl:13: not a JSON object"),
                    s.malformedSamples().toString());

            // in: 100+200+300+10+1000+500+5+7+40 = 2162; out: 120+20+30+5+100+50+0+3+4 = 332
            assertEquals("9|2162|332|1000|2000|4000", sql(ledger, "SELECT COUNT(*) || '|' || SUM(input_tokens) || '|' "
                    + "|| SUM(output_tokens) || '|' || SUM(cache_creation_tokens) || '|' || SUM(cache_creation_1h_tokens) "
                    + "|| '|' || SUM(cache_read_tokens) FROM token_events"));
            // sonnet 4.5: 10 x $3/M + 5 x $15/M + 1000 x $3.75/M + 2000 x $6/M + 4000 x $0.30/M = $0.017055
            assertEquals("17055000", sql(ledger, "SELECT cost_nanos FROM token_events WHERE record_key = 'cc:msg_D:req_4'"));
            assertEquals("12300000", sql(ledger, "SELECT reported_cost_nanos FROM token_events WHERE record_key = 'cc:msg_E:req_5'"));
            assertEquals("null", sql(ledger, "SELECT COALESCE(CAST(cost_nanos AS TEXT), 'null') FROM token_events WHERE model = 'mystery-model'"));
            assertEquals("error", sql(ledger, "SELECT status FROM token_events WHERE record_key = 'cc:msg_Err:req_9'"));
            assertEquals("abc|s1|claude-code/sidechain|app", sql(ledger, "SELECT agent || '|' || session_id || '|' || source "
                    + "|| '|' || repo FROM token_events WHERE record_key = 'cc:msg_G2:req_12'"));
            assertEquals("0", sql(ledger, "SELECT COUNT(*) FROM token_events WHERE record_key = 'cc:msg_C:req_11'"));
            assertEquals("s1||" + P + "|/home/dev/src/app|main|2.1.170|0, s1|abc|" + P + "|/home/dev/src/app|main|2.1.170|1, "
                    + "s2||" + P + "|/home/dev/src/app|main|2.1.170|0", sql(ledger, "SELECT group_concat(session_id || '|' "
                    + "|| agent_id || '|' || project || '|' || cwd || '|' || git_branch || '|' || version || '|' || subagent, "
                    + "', ') FROM (SELECT * FROM sessions ORDER BY session_id, agent_id) AS q"));

            ImportSummary again = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude()));
            assertEquals(3, again.filesUnchanged());
            assertEquals(0, again.added() + again.replaced() + again.bytesRead());
        }
    }

    @Test
    void aParentsCopyReplacesASidechainReplayImportedBeforeIt() throws Exception {
        Path first = dir.resolve("a");
        Path second = dir.resolve("b");
        write(first.resolve("projects").resolve(P).resolve("s1").resolve("subagents").resolve("agent-x.jsonl"),
                assistant("msg_C", "req_11", "s1", "2026-11-20T10:02:30.000Z", "claude-sonnet-4-5", 300, 30, 0, 0, null,
                        null, true, null, false));
        write(second.resolve("projects").resolve(P).resolve("s1.jsonl"),
                simple("msg_C", "req_3", "s1", "2026-11-20T10:02:00.000Z", 300, 30));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(first));
            ImportSummary s = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(second));
            assertEquals(1, s.replaced());
            assertEquals("cc:msg_C:req_3|300", sql(ledger, "SELECT group_concat(record_key || '|' || input_tokens, ',') "
                    + "FROM token_events"));
        }
    }

    @Test
    void copiesOfOneMessageInOneCommitGroupCountOnceWhateverTheirOrder() throws Exception {
        // One import, one transaction: the subagent's replay (read first, its file sorts first), then
        // the parent's copy that replaces it; then a file with a replay before its parent's copy in
        // one batch, and a later, larger snapshot of the parent's copy.
        write(project().resolve("s1").resolve("subagents").resolve("agent-x.jsonl"),
                assistant("msg_C", "req_11", "s1", "2026-11-20T10:02:30.000Z", "claude-sonnet-4-5", 300, 30, 0, 0, null,
                        null, true, null, false));
        write(project().resolve("t1.jsonl"), simple("msg_C", "req_3", "s1", "2026-11-20T10:02:00.000Z", 300, 30),
                assistant("msg_D", "req_12", "s1", "2026-11-20T10:03:30.000Z", "claude-sonnet-4-5", 40, 4, 0, 0, null,
                        null, true, null, false),
                simple("msg_D", "req_4", "s1", "2026-11-20T10:03:00.000Z", 40, 4));
        write(project().resolve("t2.jsonl"), simple("msg_D", "req_4", "s1", "2026-11-20T10:03:00.000Z", 40, 9));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ImportSummary s = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude()));
            // added: the replay, msg_C's and msg_D's copies; replaced: the replay, msg_D by its larger snapshot;
            // a duplicate: msg_D's replay, read in the batch after its parent's copy
            assertEquals(List.of(3L, 2L, 1L), List.of(s.added(), s.replaced(), s.duplicates()), s.toString());
            assertEquals("cc:msg_C:req_3|30, cc:msg_D:req_4|9", sql(ledger, "SELECT group_concat(record_key || '|' "
                    + "|| output_tokens, ', ') FROM (SELECT * FROM token_events ORDER BY record_key) AS q"));
            assertEquals("2|39", sql(ledger, "SELECT SUM(records) || '|' || SUM(output_tokens) FROM report_dims_hourly"),
                    "the rollups lost what was replaced");
        }
    }

    @Test
    void readsOnlyNewBytesLeavesAHalfWrittenLineAndRestartsAReplacedFile() throws Exception {
        Path s1 = project().resolve("s1.jsonl");
        Path s2 = project().resolve("s2.jsonl");
        write(s1, simple("msg_A", "req_1", "s1", "2026-11-20T10:00:00.000Z", 100, 10));
        write(s2, simple("msg_K", "req_10", "s2", "2026-11-21T09:00:00.000Z", 7, 3),
                simple("msg_M", "req_20", "s2", "2026-11-21T09:01:00.000Z", 8, 4));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            TranscriptImporter.Progress none = TranscriptImporter.Progress.NONE;
            assertEquals(3, new TranscriptImporter(ledger, none).run(List.of(claude())).added());

            String h = simple("msg_H", "req_13", "s1", "2026-11-20T11:00:00.000Z", 11, 1) + "\n";
            String half = simple("msg_I", "req_14", "s1", "2026-11-20T11:01:00.000Z", 12, 2);
            append(s1, h + half.substring(0, 40)); // msg_I is still being written
            ImportSummary s = new TranscriptImporter(ledger, none).run(List.of(claude()));
            assertEquals(1, s.added(), s.toString());
            assertEquals(h.length(), s.bytesRead(), "only the new complete line is read");
            assertEquals(1, s.filesUnchanged());

            append(s1, half.substring(40) + "\n");
            assertEquals(1, new TranscriptImporter(ledger, none).run(List.of(claude())).added());

            // s2 truncated and rewritten with other content: read again from the start
            write(s2, simple("msg_L", "req_21", "s2", "2026-11-21T10:00:00.000Z", 9, 9));
            ImportSummary r = new TranscriptImporter(ledger, none).run(List.of(claude()));
            assertEquals(1, r.filesRestarted());
            assertEquals(1, r.added());
            // a later, larger snapshot of msg_A in a new file replaces the stored one
            write(project().resolve("s3.jsonl"), simple("msg_A", "req_1", "s1", "2026-11-20T10:00:00.000Z", 100, 200));
            assertEquals(1, new TranscriptImporter(ledger, none).run(List.of(claude())).replaced());
            assertEquals("6|200", sql(ledger, "SELECT COUNT(*) || '|' || (SELECT output_tokens FROM token_events "
                    + "WHERE record_key = 'cc:msg_A:req_1') FROM token_events"));
        }
    }

    @Test
    void anImportKilledBetweenCommitsResumesWithNoDuplicateAndNoGap() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            lines.add(simple("msg_" + i, "req_" + i, "s1", "2026-11-20T10:" + String.format("%02d", i) + ":00.000Z",
                    1000 + i, 10));
        }
        write(project().resolve("s1.jsonl"), lines.toArray(String[]::new));
        int chunk = (int) (Files.size(project().resolve("s1.jsonl")) / 4); // about ten lines a commit
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            int[] commits = {0};
            TranscriptImporter.Progress killer = (done, files, bytes, n) -> {
                if (++commits[0] == 2) {
                    throw new IllegalStateException("killed");
                }
            };
            assertThrows(IllegalStateException.class,
                    () -> new TranscriptImporter(ledger, killer, chunk).run(List.of(claude())));
            long partial = Long.parseLong(sql(ledger, "SELECT COUNT(*) FROM token_events"));
            assertTrue(partial > 0 && partial < 40, "killed halfway: " + partial);
            ImportSummary s = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE, chunk)
                    .run(List.of(claude()));
            assertEquals(40 - partial, s.added());
            assertEquals(0, s.duplicates());
            // 1000 + ... + 1039 = 40,780
            assertEquals("40|40780", sql(ledger, "SELECT COUNT(*) || '|' || SUM(input_tokens) FROM token_events"));
        }
    }

    @Test
    void aDirThatIsNotThereIsRefusedByName() {
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE)
                            .run(List.of(dir.resolve("nope"))));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
        }
    }

    @Test
    void defaultDirsFollowClaudeConfigDir() {
        assertEquals(List.of(Path.of("/a"), Path.of("/b")),
                TranscriptImporter.defaultDirs(Map.of("CLAUDE_CONFIG_DIR", "/a, /b")));
    }

    /** The first column of the first row; group_concat(x, sep) is string_agg on PostgreSQL. */
    static String sql(TokenLedger ledger, String query) {
        String q = dev.tokenomics.ledger.TestLedgers.isPostgres(ledger) ? query.replace("group_concat(", "string_agg(") : query;
        return dev.tokenomics.ledger.TestLedgers.read(ledger, c -> {
            try (var rs = c.createStatement().executeQuery(q)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }
}
