package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tokenomics.cli.Main;
import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Ref;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The report's forms, history and refusals through the command line on real ledger files. */
class ReportCliTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db", dir.resolve("ledger.db").toString()));
        int code = Main.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), dev.tokenomics.cli.PriceAgeWarning.strip(err.toString()));
    }

    private void fixture() {
        ReportFixture.build(dir).close();
    }

    @Test
    void markdownPutsEachTableInAFenceUnderABoldTitleAndItsRead() throws Exception {
        fixture();
        Path doc = dir.resolve("docs/tokenomics/2026-11-22.md");
        Run r = cli("report", "--since", "2026-11-01", "--until", "2026-11-03", "--format", "markdown",
                "--out", doc.toString());
        assertEquals(0, r.code(), r.err());
        String md = Files.readString(doc);
        // The skill's doc: title with the analysis date (today) and the window.
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        List<String> lines = md.lines().toList();
        assertEquals("# Tokenomics update — " + today + " (window 2026-11-01 → 2026-11-03)", lines.get(0));
        assertTrue(lines.get(2).contains("2026-11-01 to 2026-11-03 (UTC)"), md);
        for (String title : List.of("Bucket", "Per-stage cost", "Structure", "Role split", "Stage x structure",
                "Per-lane size", "Per-stage medians, top consumers, slowest", "Lane breakeven", "Coverage-health",
                "Trend per day", "Trend per ref", "Task latency", "Model mix")) {
            Matcher m = Pattern.compile("\\*\\*" + Pattern.quote(title) + "\\*\\* — [^\\n]+\\n+```\\n").matcher(md);
            assertTrue(m.find(), "no bold title, read and fence for " + title + " in\n" + md);
        }
        assertEquals(0, md.split("```", -1).length % 2 - 1, "fences are balanced");
        // Headline after the caveats, concurrency as a paragraph (not a fenced table), closing reads last.
        int headline = md.indexOf("**Headline** — Captured spend");
        assertTrue(headline > md.indexOf("**Lower bound") && headline < md.indexOf("**Bucket**"), md);
        assertFalse(md.contains("**Concurrency** —"), md);
        Matcher prose = Pattern.compile("\\*\\*Concurrency assessment\\*\\* — Observed peak: \\d+ [^\\n]+\\n").matcher(md);
        assertTrue(prose.find() && prose.start() > md.lastIndexOf("```"), md);
        int reads = md.indexOf("\n## Reads\n\n- ");
        assertTrue(reads > prose.start(), md);
        long bullets = md.substring(reads).lines().filter(l -> l.startsWith("- ")).count();
        assertTrue(bullets >= 2 && bullets <= 4, md);
        assertTrue(md.contains("haiku") && md.contains("mystery-model"), "the model mix names each model:\n" + md);
    }

    @Test
    void emitDayJsonGivesOneCompactObjectPerDay() throws Exception {
        fixture();
        Run r = cli("report", "--since", "2026-11-01", "--until", "2026-11-03", "--emit-day-json");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(3, lines.size(), r.out());
        Map<String, Object> first = TokenomicsReportTest.map(JSON.readValue(lines.get(0), Map.class));
        // 11-01: e1 e2 e3; input 5M, output 3M, cache read 20M; pr 101 + pr 102 = 300 LOC; $22
        TokenomicsReportTest.expectRow(first, "date", "2026-11-01", "n", 3, "priced_n", 3, "active_loc", 300,
                "usage_complete_floor", false);
        TokenomicsReportTest.expectRow(TokenomicsReportTest.map(first.get("tokens")), "input", 5_000_000,
                "output", 3_000_000, "cache_creation", 0, "cache_read", 20_000_000, "total", 28_000_000);
        TokenomicsReportTest.expectRow(TokenomicsReportTest.map(first.get("cost")), "total", 22, "output", 15);
        TokenomicsReportTest.assertClose(22.0 / 300, first.get("cost_per_loc"));
        Map<String, Object> third = TokenomicsReportTest.map(JSON.readValue(lines.get(2), Map.class));
        // 11-03 holds the lower bound e7: the day is a floor; e6 is unpriced so priced_n is 1 (e8)
        TokenomicsReportTest.expectRow(third, "date", "2026-11-03", "priced_n", 1, "usage_complete_floor", true);
        // Exactly the report skill's day schema, in its order: a consumer of the history store sees no extra key.
        for (String line : lines) {
            assertEquals(List.of("date", "n", "tokens", "per_n", "active_loc", "per_loc", "priced_n", "cost",
                    "cost_per_n", "cost_per_loc", "usage_complete_floor"),
                    List.copyOf(TokenomicsReportTest.map(JSON.readValue(line, Map.class)).keySet()), line);
        }
    }

    @Test
    void perDayRunsTheSingleDayReportOncePerDay() {
        fixture();
        Run all = cli("report", "--since", "2026-11-01", "--until", "2026-11-03", "--per-day");
        assertEquals(0, all.code(), all.err());
        assertEquals(3, all.out().split("=== DAY ", -1).length - 1, all.out());
        String day2 = all.out().substring(all.out().indexOf("=== DAY 2026-11-02 ==="),
                all.out().indexOf("=== DAY 2026-11-03 ==="));
        Run single = cli("report", "--since", "2026-11-02", "--until", "2026-11-02");
        assertTrue(day2.contains(single.out().strip()), "the per-day block is the single-day report:\n" + day2
                + "\n---\n" + single.out());
    }

    @Test
    void pruneKeepsEveryDaysTotalsInTheHistory() throws Exception {
        fixture();
        String totalsBefore = keptTotals();
        Run prune = cli("prune", "--before", "2026-11-03");
        assertEquals(0, prune.code(), prune.err());
        // a task's all-time totals and the hourly spend budgets read do not shrink with the raw events
        assertEquals(totalsBefore, keptTotals());
        // the raw events of 11-01 and 11-02 are gone ...
        Run report = cli("report", "--since", "2026-11-01", "--until", "2026-11-02", "--format", "json");
        Map<String, Object> json = TokenomicsReportTest.map(JSON.readValue(report.out(), Map.class));
        assertEquals(0, TokenomicsReportTest.n(json.get("records")).intValue(), report.out());
        // ... and snapshotting again must not overwrite their rows with empty days
        assertEquals(0, cli("snapshot", "--since", "2026-11-01", "--until", "2026-11-03").code());
        Run history = cli("report", "--history", "--format", "json");
        assertEquals(0, history.code(), history.err());
        Map<String, Object> h = TokenomicsReportTest.map(JSON.readValue(history.out(), Map.class));
        List<Map<String, Object>> days = TokenomicsReportTest.list(h.get("days")).stream()
                .map(TokenomicsReportTest::map).toList();
        Map<String, Object> nov1 = days.stream().filter(d -> "2026-11-01".equals(d.get("date"))).findFirst()
                .orElseThrow(() -> new AssertionError(history.out()));
        TokenomicsReportTest.expectRow(TokenomicsReportTest.map(nov1.get("tokens")), "total", 28_000_000);
        TokenomicsReportTest.expectRow(TokenomicsReportTest.map(nov1.get("cost")), "total", 22);
        Map<String, Object> nov2 = days.stream().filter(d -> "2026-11-02".equals(d.get("date"))).findFirst()
                .orElseThrow();
        TokenomicsReportTest.expectRow(TokenomicsReportTest.map(nov2.get("cost")), "total", 4);
        Run text = cli("report", "--history");
        assertTrue(text.out().contains("2026-11-01") && text.out().contains("28,000,000"), text.out());
    }

    @Test
    void historyPathReadsTheSkillsStoreFileLastLineOfADateWinsAndBadLinesAreCounted() throws Exception {
        fixture();
        Run days = cli("report", "--since", "2026-11-01", "--until", "2026-11-03", "--emit-day-json");
        assertEquals(0, days.code(), days.err());
        List<String> lines = new ArrayList<>(days.out().lines().toList());
        assertEquals(3, lines.size(), days.out());
        // the store upserts by date: a later 11-01 row (the day reconciled upward) supersedes the first
        Map<String, Object> later = TokenomicsReportTest.map(JSON.readValue(lines.get(0), Map.class));
        later.put("n", 99);
        lines.add(JSON.writeValueAsString(later));
        lines.add("{\"date\": \"2026-13-40\", \"n\": 1, \"tokens\": {}, \"cost\": {\"total\": 1}}");
        lines.add("not json at all");
        Path store = dir.resolve("logs/tokenomics-history.jsonl");
        Files.createDirectories(store.getParent());
        Files.write(store, lines);
        // the ledger is gone: the file alone answers
        Files.delete(dir.resolve("ledger.db"));

        Run json = cli("report", "--history", store.toString(), "--format", "json");
        assertEquals(0, json.code(), json.err());
        Map<String, Object> h = TokenomicsReportTest.map(JSON.readValue(json.out(), Map.class));
        TokenomicsReportTest.expectRow(h, "mode", "history", "file", store.toString(), "malformed_lines", 2);
        List<Map<String, Object>> read = TokenomicsReportTest.list(h.get("days")).stream()
                .map(TokenomicsReportTest::map).toList();
        assertEquals(List.of("2026-11-01", "2026-11-02", "2026-11-03"), read.stream().map(d -> d.get("date")).toList());
        TokenomicsReportTest.expectRow(read.get(0), "n", 99);
        TokenomicsReportTest.expectRow(TokenomicsReportTest.map(read.get(0).get("cost")), "total", 22);
        assertFalse(Files.exists(dir.resolve("ledger.db")), "reading a history file must not create a ledger");

        Run window = cli("report", "--history", store.toString(), "--since", "2026-11-02", "--until", "2026-11-02");
        assertEquals(0, window.code(), window.err());
        assertTrue(window.out().contains("2026-11-02") && !window.out().contains("2026-11-01"), window.out());
        assertTrue(window.out().contains("2 line(s) are not day objects") && window.out().contains("line 5:")
                && window.out().contains("line 6:"), window.out());

        Run absent = cli("report", "--history", dir.resolve("nothing.jsonl").toString());
        assertEquals(0, absent.code(), absent.err());
        assertTrue(absent.out().contains("No history file there yet"), absent.out());
    }

    @Test
    void anOutlierDayIsMarked() throws Exception {
        // daily costs $1 $2 $1 $2 $1 $2 $1 $100 (haiku input at $1/M): median 1.5, MAD 0.5,
        // z(100) = 0.6745 * 98.5 / 0.5 = 132.8765 > 3.5; every other day |z| = 0.67
        long[] millions = {1, 2, 1, 2, 1, 2, 1, 100};
        try (TokenLedger l = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")))) {
            for (int i = 0; i < millions.length; i++) {
                Instant ts = Instant.parse("2026-11-0" + (i + 1) + "T12:00:00Z");
                l.events().record(new EventInput("d" + i, ts, null, null, null, null, "T", null, null, null,
                        ReportFixture.HAIKU, null, null, null, null, null, null,
                        new Usage(millions[i] * 1_000_000, 0, 0, 0, 0), null, true, null, null, null));
            }
        }
        Run r = cli("report", "--since", "2026-11-01", "--until", "2026-11-08", "--section", "trend-day",
                "--format", "json");
        assertEquals(0, r.code(), r.err());
        Map<String, Object> trend = TokenomicsReportTest.map(TokenomicsReportTest.map(
                TokenomicsReportTest.map(JSON.readValue(r.out(), Map.class)).get("tables")).get("trend-day"));
        List<Map<String, Object>> days = TokenomicsReportTest.rows(trend);
        for (int i = 0; i < 7; i++) {
            TokenomicsReportTest.expectRow(days.get(i), "outlier", false);
        }
        TokenomicsReportTest.expectRow(days.get(7), "date", "2026-11-08", "cost_usd", 100, "outlier", true);
        TokenomicsReportTest.assertClose(132.8765, days.get(7).get("z"));
        assertTrue(trend.get("read").toString().contains("2026-11-08"), trend.toString());
    }

    @Test
    void badInputIsRefusedWithExitTwoAndANamedValue() {
        fixture();
        Map<List<String>, String> cases = Map.of(
                List.of("--section", "nope"), "nope",
                List.of("--since", "2026-11-05", "--until", "2026-11-01"), "since",
                List.of("--since", "2026-13-01"), "2026-13-01",
                List.of("--timezone", "Mars/Olympus"), "Mars/Olympus",
                List.of("--limit", "0"), "limit");
        cases.forEach((args, named) -> {
            List<String> all = new ArrayList<>(List.of("report"));
            all.addAll(args);
            Run r = cli(all.toArray(String[]::new));
            assertEquals(2, r.code(), args + ": " + r.err());
            assertTrue(r.err().contains(named), args + " should name " + named + ": " + r.err());
            assertTrue(r.out().isEmpty(), args + " printed a report: " + r.out());
        });
    }

    @Test
    void anEmptyLedgerPrintsDashCellsAndSaysTheWindowIsEmpty() {
        Run r = cli("report", "--since", "2026-11-01", "--until", "2026-11-02");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().lines().findFirst().orElseThrow().contains("2026-11-01 to 2026-11-02"), r.out());
        assertTrue(r.out().toLowerCase().contains("empty"), r.out());
        assertTrue(r.out().contains("--"), r.out());
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"), r.out());
    }

    @Test
    void importGitRecordsCommitsAndMergedPullRequestsWithTheirLines() throws Exception {
        assumeTrue(git(dir, "--version") == 0, "git is not installed");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        assertEquals(0, git(repo, "init", "-q", "-b", "main"));
        Files.writeString(repo.resolve("a.txt"), "1\n2\n3\n");
        assertEquals(0, git(repo, "add", "."));
        assertEquals(0, git(repo, "commit", "-q", "-m", "three lines"));
        assertEquals(0, git(repo, "checkout", "-q", "-b", "feature"));
        Files.writeString(repo.resolve("a.txt"), "1\n2\nthree\n4\n");
        assertEquals(0, git(repo, "commit", "-q", "-am", "change one, add one"));
        assertEquals(0, git(repo, "checkout", "-q", "main"));
        assertEquals(0, git(repo, "merge", "-q", "--no-ff", "feature", "-m", "Merge pull request #7 from x/feature"));

        Run r = cli("refs", "import-git", "--path", repo.toString());
        assertEquals(0, r.code(), r.err());
        try (TokenLedger l = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")))) {
            Map<Ref.Key, Ref> refs = l.tasks().refs();
            List<Ref> commits = refs.values().stream().filter(x -> x.refType().equals("commit")).toList();
            assertEquals(2, commits.stream().filter(c -> !c.title().startsWith("Merge")).count(), refs.toString());
            Ref first = commits.stream().filter(c -> c.title().equals("three lines")).findFirst().orElseThrow();
            assertEquals(3, first.locAdded());
            Ref second = commits.stream().filter(c -> c.title().equals("change one, add one")).findFirst()
                    .orElseThrow();
            assertEquals(2, second.locAdded()); // "three" and "4"
            assertEquals(1, second.locRemoved()); // "3"
            Ref pr = refs.get(new Ref.Key("pr", "7"));
            assertTrue(pr != null, "the merge names PR 7: " + refs);
            assertEquals(3, pr.locAdded() + pr.locRemoved(), "the PR's size is the lines its merge brought in");
        }
    }

    /** T1's running totals and the global hourly spend, as text to compare. */
    private String keptTotals() {
        try (TokenLedger db = TokenLedger.open(dir.resolve("ledger.db"), dev.tokenomics.pricing.PriceTable.bundled(),
                dev.tokenomics.ledger.EventDefaults.NONE)) {
            return dev.tokenomics.ledger.TestLedgers.read(db, c -> {
                try (var rs = c.createStatement().executeQuery("SELECT (SELECT events || '/' || input_tokens || '/' "
                        + "|| cost_nanos FROM running_totals WHERE scope = 'task' AND scope_id = 'T1'), "
                        + "(SELECT SUM(events) || '/' || SUM(cost_nanos) FROM spend_hourly WHERE scope = 'global')")) {
                    rs.next();
                    return rs.getString(1) + " " + rs.getString(2);
                }
            });
        }
    }

    private static int git(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=t", "-c", "user.email=t@t",
                "-c", "commit.gpgsign=false"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
