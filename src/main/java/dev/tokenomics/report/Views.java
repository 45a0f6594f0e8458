package dev.tokenomics.report;

import dev.tokenomics.json.ResultJson;
import dev.tokenomics.ledger.RecordedEvent;
import dev.tokenomics.ledger.StatusChange;
import dev.tokenomics.ledger.StoredEvent;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.Task;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.text.Cost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Ledger values as the JSON objects tools return (snake_case, money as USD numbers). */
public final class Views {
    private Views() {}

    public static Map<String, Object> totals(Totals t) {
        return ResultJson.toMap(Results.Totals.of(t));
    }

    /** Null when nothing was measured. */
    public static Map<String, Object> measured(dev.tokenomics.ledger.MeasuredUsage m) {
        return m == null ? null : ResultJson.toMap(Results.Measured.of(m));
    }

    /**
     * The price table every cost in a result came from: the ledger reprices its stored costs to the
     * table in use before it reads them, so one table stands for all of them.
     */
    public static Map<String, Object> prices(PriceTable prices) {
        return prices.provenance();
    }

    public static Map<String, Object> summary(Summary s) {
        return ResultJson.toMap(Results.ScopeSummary.of(s));
    }

    /**
     * Why this summary can be smaller than a task's running totals: after a prune the raw events
     * before the cut are gone from these sums, while running totals and budgets keep them.
     */
    public static String prunedNote(Summary s) {
        if (s.prunedBefore() == null) {
            return null;
        }
        return "raw events before " + Times.format(s.prunedBefore()) + " were pruned: these figures count only "
                + "the events left after that; the pruned days live on in the daily rollups (tokenomics_report "
                + "mode history), and task_totals / workstream_totals and budgets still include the pruned events";
    }

    /**
     * The summary's unpriced tokens, added up per model: exact unless some model is only partly
     * priced (then null, as for that model's own row).
     */
    static Long unpricedTokens(Summary s) {
        Long direct = Cost.unpricedTokens(s.totals().events(), s.totals().unpricedEvents(), s.totals().totalTokens());
        if (direct != null) {
            return direct;
        }
        long sum = 0;
        for (Totals t : s.byModel().values()) {
            Long part = Cost.unpricedTokens(t.events(), t.unpricedEvents(), t.totalTokens());
            if (part == null) {
                return null;
            }
            sum += part;
        }
        return sum;
    }

    public static Map<String, Object> recorded(RecordedEvent r) {
        return ResultJson.toMap(Results.Recorded.of(r));
    }

    public static Map<String, Object> event(StoredEvent s) {
        return ResultJson.toMap(Results.Event.of(s));
    }

    public static Map<String, Object> task(Task t) {
        return t == null ? null : ResultJson.toMap(Results.TaskRow.of(t));
    }

    public static Map<String, Object> change(StatusChange c) {
        return ResultJson.toMap(Results.Change.of(c));
    }

    public static List<Map<String, Object>> changes(List<StatusChange> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(c -> out.add(change(c)));
        return out;
    }
}
