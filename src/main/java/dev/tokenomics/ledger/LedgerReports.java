package dev.tokenomics.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The reads behind the report, the dashboard and the usage views. Each public method is one transaction or one consistent read. */
public final class LedgerReports {
    private final TokenLedger ledger;
    private final Database db;

    LedgerReports(TokenLedger ledger) {
        this.ledger = ledger;
        this.db = ledger.database();
    }

    /** The report's grouped reads, all on one snapshot of the ledger. */
    public ReportRows reportRows(ReportQuery query) {
        ledger.reprice();
        return ReportQueries.fetch(db, query);
    }

    /** The SQL {@link #reportRows} runs for {@code query}, values written in: a sqlite3 script. */
    public static String reportScript(ReportQuery query) {
        return ReportQueries.script(query);
    }

    /** Per-day sums by model with each day's LOC, for day JSON. */
    public DayDetail dayDetail(List<Instant> dayStarts) {
        ledger.reprice();
        return db.read("read day sums", c -> ReportQueries.dayDetail(c, dayStarts));
    }

    /** The dashboard's rollup sums over [since, until). */
    public DashboardRead dashboard(Instant since, Instant until) {
        ledger.reprice();
        return db.read("read the dashboard's rollups", c -> DashboardStore.read(c, since, until));
    }

    /** Each workstream's costliest model over [since, until). */
    public Map<String, String> dominantModels(Instant since, Instant until) {
        ledger.reprice();
        return db.read("read each workstream's dominant model", c -> DashboardStore.dominantModels(c, since, until));
    }

    /** Every stored workflow run (or the one named; none when it is unknown) with its agents. */
    public List<WorkflowRunData> workflowRuns(String runId) {
        return db.read("read workflow runs", c -> WorkflowStore.runs(c, runId));
    }

    /** Imported usage per time slot and model (slotChars 13: UTC hours, 16: minutes). */
    public List<UsageRow> usageBySlot(Instant since, Instant until, String project, int slotChars) {
        return usageBySlot(since, until, project, null, slotChars);
    }

    /** As above, over these sources only (null: every measured source). */
    public List<UsageRow> usageBySlot(Instant since, Instant until, String project, List<String> sources,
            int slotChars) {
        return usageBySlot(since, until, UsageFilter.of(project, sources), slotChars);
    }

    /** As above, narrowed by {@code filter}. */
    public List<UsageRow> usageBySlot(Instant since, Instant until, UsageFilter filter, int slotChars) {
        ledger.reprice();
        return db.read("read usage", c -> UsageStore.bySlot(c, since, until, filter, slotChars));
    }

    /** Imported usage per session and model. */
    public List<UsageRow> usageBySession(Instant since, Instant until, UsageFilter filter) {
        ledger.reprice();
        return db.read("read usage by session", c -> UsageStore.bySession(c, since, until, filter));
    }

    /** Every imported entry in the window, oldest first. */
    public List<UsageRow> usageEntries(Instant since, Instant until, UsageFilter filter) {
        ledger.reprice();
        return db.read("read usage entries", c -> UsageStore.entries(c, since, until, filter));
    }

    /** Session id to {project, cwd, git branch, version}. */
    public Map<String, String[]> transcriptSessions() {
        return db.read("read sessions", UsageStore::sessions);
    }
}
