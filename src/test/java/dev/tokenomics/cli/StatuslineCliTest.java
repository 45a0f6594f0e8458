package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenomics statusline} as Claude Code runs it: session JSON on stdin, one line out, exit 0
 * whatever happens. Costs are checked against hand-computed claude-sonnet-4-5 rates ($3 input, $15
 * output, $0.30 cache read per million): 1,000 in + 500 out + 20,000 read = $0.0165 a response.
 */
class StatuslineCliTest {
    @TempDir
    Path dir;
    Path db;
    Path transcript;

    @BeforeEach
    void setUp() {
        db = dir.resolve("ledger").resolve("ledger.db");
        transcript = dir.resolve(".claude/projects/-home-dev-app/s1.jsonl");
    }

    private static String response(String id, Instant ts) {
        return "{\"type\":\"assistant\",\"sessionId\":\"s1\",\"cwd\":\"/home/dev/app\",\"timestamp\":\"" + ts
                + "\",\"requestId\":\"r-" + id + "\",\"message\":{\"id\":\"m-" + id
                + "\",\"model\":\"claude-sonnet-4-5\",\"usage\":{\"input_tokens\":1000,\"output_tokens\":500,"
                + "\"cache_read_input_tokens\":20000,\"cache_creation_input_tokens\":0}}}\n";
    }

    private void append(String... lines) throws IOException {
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, String.join("", lines), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private String input(String extra) {
        return "{\"session_id\":\"s1\",\"transcript_path\":\"" + transcript + "\",\"model\":{\"id\":\"claude-sonnet-4-5\","
                + "\"display_name\":\"Sonnet 4.5\"},\"workspace\":{\"current_dir\":\"/home/dev/app\",\"project_dir\":"
                + "\"/home/dev/app\"},\"cost\":{\"total_cost_usd\":0.0412}" + extra + "}";
    }

    private record Run(int code, String out, String err) {}

    private Run run(String stdin, String... flags) {
        String[] args = new String[flags.length + 3];
        args[0] = "statusline";
        args[1] = "--db";
        args[2] = db.toString();
        System.arraycopy(flags, 0, args, 3, flags.length);
        StatuslineCommand.Args a = StatuslineCommand.fast(args);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StatuslineCommand.run(a, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintWriter(out, true), new PrintWriter(err, true), Map.of("NO_COLOR", "1"));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void importsTheSessionIncrementallyAndPrintsItsCosts() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        append(response("1", now.minusSeconds(120)), response("2", now.minusSeconds(60)));
        Run first = run(input(",\"context_window\":{\"used_percentage\":12.4}"), "--debug");
        assertEquals(0, first.code());
        String line = first.out().strip();
        assertTrue(line.startsWith("Sonnet 4.5 │ session $0.033 (cc $0.0412) │ today "), line);
        assertTrue(line.contains("│ block $0.033 "), line);
        assertTrue(line.endsWith("left │ ctx 12%"), line);
        assertTrue(first.err().contains("imported 2 new"), first.err());

        Run again = run(input(""), "--debug");
        assertTrue(again.err().contains("imported 0 new"), again.err());
        assertTrue(again.out().contains("session $0.033"), again.out());

        append(response("3", now));
        Run third = run(input(""));
        assertTrue(third.out().contains("session $0.0495"), third.out());
        assertFalse(third.out().contains("\u001b["), "NO_COLOR: no escape codes");
    }

    @Test
    void subagentTranscriptsBesideTheSessionCount() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        append(response("1", now));
        Path sub = dir.resolve(".claude/projects/-home-dev-app/s1/subagents/agent-a1.jsonl");
        Files.createDirectories(sub.getParent());
        Files.writeString(sub, response("sub", now).replace("\"type\":\"assistant\"",
                "\"type\":\"assistant\",\"isSidechain\":true,\"agentId\":\"a1\""));
        String line = run(input(""), "--debug").out();
        assertTrue(line.contains("session $0.033"), line);
    }

    @Test
    void rateLimitsFromClaudeCodeWinOverTheLedgersBlock() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        append(response("1", now));
        long resets = now.plusSeconds(2 * 3600 + 13 * 60 + 30).getEpochSecond();
        String line = run(input(",\"rate_limits\":{\"five_hour\":{\"used_percentage\":42.4,\"resets_at\":" + resets
                + "},\"seven_day\":{\"used_percentage\":10,\"resets_at\":" + resets + "}}")).out();
        assertTrue(line.contains("│ 5h 42% 2h13m left"), line);
        assertFalse(line.contains("block $"), line);
    }

    @Test
    void showsTheWorstBudgetThatApplies() throws IOException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        append(response("1", now), response("2", now.plusMillis(1)));
        // $0.033 spent: 66% of a $0.05 global budget (info at 50%), 110% of a $0.03 repo budget for "app".
        assertEquals(0, CliRun.withDb(db, "budget", "set", "all-day", "--scope", "global", "--period", "day",
                "--limit-usd", "0.05").code());
        assertTrue(run(input("")).out().strip().endsWith("│ budget info"));
        assertEquals(0, CliRun.withDb(db, "budget", "set", "app", "--scope", "repo", "--scope-id", "app", "--period",
                "total", "--limit-usd", "0.03").code());
        assertEquals(0, CliRun.withDb(db, "budget", "set", "elsewhere", "--scope", "repo", "--scope-id", "other",
                "--period", "total", "--limit-usd", "0.000001").code());
        assertTrue(run(input("")).out().strip().endsWith("│ budget hard_stop"), "the repo budget at 110%");
    }

    @Test
    void anUnpricedModelShowsNoCostNotZero() throws IOException {
        append(response("1", Instant.now()).replace("claude-sonnet-4-5", "acme-unknown-1"));
        String line = run(input("")).out();
        assertTrue(line.contains("session -- (cc $0.0412)"), line);
    }

    @Test
    void badInputGivesTheFallbackExitZeroAndWritesNothing() throws IOException {
        for (String stdin : new String[] {"", "   \n", "{not json", "[1,2]", "{\"session_id\":\"s1\"} trailing",
                input("").replace(transcript.toString(), dir.resolve("missing.jsonl").toString())}) {
            Run r = run(stdin, "--debug");
            assertEquals(0, r.code(), stdin);
            assertTrue(r.out().strip().endsWith("tokenomics --"), r.out());
            assertTrue(r.err().startsWith("statusline: "), "--debug says why: " + r.err());
            assertFalse(Files.exists(db), "nothing written for " + stdin);
        }
        Run missing = run(input("").replace(transcript.toString(), dir.resolve("missing.jsonl").toString()));
        assertEquals("Sonnet 4.5 │ tokenomics --", missing.out().strip());
        assertEquals("", missing.err(), "without --debug stderr stays quiet");
    }

    @Test
    void colourFollowsTheFlagAndNoColor() {
        assertTrue(dev.tokenomics.claudecode.Statusline.color("auto", Map.of()));
        assertFalse(dev.tokenomics.claudecode.Statusline.color("auto", Map.of("NO_COLOR", "1")));
        assertFalse(dev.tokenomics.claudecode.Statusline.color("auto", Map.of("TERM", "dumb")));
        assertTrue(dev.tokenomics.claudecode.Statusline.color("always", Map.of("NO_COLOR", "1")));
        assertFalse(dev.tokenomics.claudecode.Statusline.color("never", Map.of()));
    }

    @Test
    void unusualCommandLinesGoThroughPicocli() {
        assertEquals(null, StatuslineCommand.fast(new String[] {"statusline", "--help"}));
        assertEquals(null, StatuslineCommand.fast(new String[] {"statusline", "--db"}));
        assertEquals(null, StatuslineCommand.fast(new String[] {"statusline", "--debug=yes"}));
        CliRun help = CliRun.of("statusline", "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().contains("statusLine"), help.out());
    }
}
