package dev.tokenomics.claudecode;

import dev.tokenomics.budget.Budget;
import dev.tokenomics.budget.BudgetCheck;
import dev.tokenomics.budget.BudgetScope;
import dev.tokenomics.budget.Budgets;
import dev.tokenomics.budget.BurnWindow;
import dev.tokenomics.budget.Level;
import dev.tokenomics.ledger.Scope;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.SessionTranscripts;
import dev.tokenomics.transcripts.UsageReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code tokenomics statusline}: Claude Code runs it with the session's JSON on stdin as often as
 * every 300 ms. It brings the session's transcript into the ledger (only the lines that are new since
 * the last run, by the import's cursors), then prints one line. It never fails the line: whatever
 * goes wrong, it prints a short fallback and exits 0 ({@code --debug} says why on stderr), because a
 * failing command blanks Claude Code's status line.
 */
public final class Statusline {
    /** The ledger's 5-hour block reaches back this far for the chain of blocks that ends now. */
    static final Duration BLOCK_HISTORY = Duration.ofHours(48);
    /** The budget check's lookback (burn rate); only the level is shown. */
    private static final BurnWindow LOOKBACK = new BurnWindow(Duration.ofHours(1));

    private final Supplier<TokenLedger> ledger;
    private final Clock clock;
    private final ZoneId zone;
    private final boolean importTranscript;

    public Statusline(Supplier<TokenLedger> ledger, Clock clock, ZoneId zone, boolean importTranscript) {
        this.ledger = ledger;
        this.clock = clock;
        this.zone = zone;
        this.importTranscript = importTranscript;
    }

    /** Whether to colour the line for {@code --color} auto, always or never (see {@link StatusText#colorFor}). */
    public static boolean color(String mode, java.util.Map<String, String> env) {
        return StatusText.colorFor(mode, env);
    }

    /** Prints the line (or the fallback) to {@code out}; the reason of a fallback goes to {@code debug} if given. */
    public void print(String stdin, boolean color, PrintWriter out, PrintWriter debug) {
        long t0 = System.nanoTime();
        StatusInput in = null;
        String line;
        try {
            in = StatusInput.parse(stdin);
            StatusNumbers n = numbers(in, debug);
            line = new StatusText(color).line(n, clock.instant());
        } catch (RuntimeException e) {
            line = StatusText.fallback(in == null ? null : in.modelName() != null ? in.modelName() : in.modelId());
            if (debug != null) {
                debug.println("statusline: " + describe(e));
            }
        }
        out.println(line);
        out.flush();
        if (debug != null) {
            debug.println("statusline: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
            debug.flush();
        }
    }

    private StatusNumbers numbers(StatusInput in, PrintWriter debug) {
        List<Path> files = in.transcriptPath() == null ? List.of() : SessionTranscripts.files(Path.of(in.transcriptPath()));
        try (TokenLedger l = ledger.get()) {
            if (importTranscript && !files.isEmpty()) {
                ImportSummary s = SessionTranscripts.importNew(l, files);
                if (debug != null) {
                    debug.println("statusline: imported " + s.added() + " new, " + s.replaced() + " replaced from "
                            + s.filesRead() + " of " + files.size() + " files (" + s.malformed() + " malformed lines)");
                }
            }
            Instant now = clock.instant();
            StatusNumbers.Spend session = in.sessionId() == null ? null
                    : spend(l.events().summarize(Scope.SESSION, in.sessionId(), null, null).totals());
            Instant dayStart = LocalDate.ofInstant(now, zone).atStartOfDay(zone).toInstant();
            StatusNumbers.Spend today = spend(l.events().summarize(Scope.ALL, null, dayStart, null).totals());
            StatusNumbers.Block block = block(in, l, now);
            Level worst = null;
            String repo = repo(in);
            Budgets budgets = Budgets.of(l);
            for (Budget b : budgets.list()) {
                if (!applies(b, in.sessionId(), repo, in.modelId())) {
                    continue;
                }
                BudgetCheck c = budgets.check(b, LOOKBACK);
                if (worst == null || c.level().rank() > worst.rank()) {
                    worst = c.level();
                }
            }
            return new StatusNumbers(in.modelName() != null ? in.modelName() : in.modelId(),
                    session == null ? new StatusNumbers.Spend(0, 0, 0) : session, in.claudeCostUsd(), today, block,
                    in.contextUsedPercent(), worst);
        }
    }

    private static StatusNumbers.Block block(StatusInput in, TokenLedger l, Instant now) {
        if (in.fiveHourUsedPercent() != null) {
            return new StatusNumbers.Block(in.fiveHourUsedPercent(), null, in.fiveHourResetsAt());
        }
        UsageReport.ActiveBlock b = UsageReport.activeBlock(l, now.minus(BLOCK_HISTORY), now);
        return b == null ? null : new StatusNumbers.Block(null,
                new StatusNumbers.Spend(b.records(), b.unpricedRecords(), b.costNanos()), b.end());
    }

    /** A budget applies to this session when it is global or names this session, repo or model. */
    static boolean applies(Budget b, String sessionId, String repo, String model) {
        return b.scope() == BudgetScope.GLOBAL
                || b.scope() == BudgetScope.SESSION && Objects.equals(b.scopeId(), sessionId)
                || b.scope() == BudgetScope.REPO && Objects.equals(b.scopeId(), repo)
                || b.scope() == BudgetScope.MODEL && Objects.equals(b.scopeId(), model);
    }

    /** The repo events of this session are filed under: the project folder's name, as the import does. */
    private static String repo(StatusInput in) {
        String dir = in.projectDir() != null ? in.projectDir() : in.currentDir();
        if (dir == null) {
            return null;
        }
        Path name = Path.of(dir).getFileName();
        return name == null ? null : name.toString();
    }

    private static StatusNumbers.Spend spend(Totals t) {
        return new StatusNumbers.Spend(t.events(), t.unpricedEvents(), t.costNanos());
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
