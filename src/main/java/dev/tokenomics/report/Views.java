package dev.tokenomics.report;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Money;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Ledger values as the JSON objects tools return (snake_case, money as USD numbers). */
public final class Views {
    private Views() {}

    public static Map<String, Object> totals(Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens_in", t.inputTokens());
        m.put("tokens_out", t.outputTokens());
        m.put("cache_creation_tokens", t.cacheWriteTokens());
        m.put("cache_creation_1h_tokens", t.cacheWrite1hTokens());
        m.put("cache_read_tokens", t.cacheReadTokens());
        m.put("tokens_total", t.totalTokens());
        m.put("cost_usd", Cost.usd(t.events(), t.unpricedEvents(), t.costNanos()));
        m.put("cost_complete", t.costComplete());
        m.put("unpriced_tokens", Cost.unpricedTokens(t.events(), t.unpricedEvents(), t.totalTokens()));
        m.put("event_count", t.events());
        m.put("unpriced_event_count", t.unpricedEvents());
        m.put("lower_bound_event_count", t.lowerBoundEvents());
        return m;
    }

    /** Null when nothing was measured. */
    public static Map<String, Object> measured(dev.tokenomics.ledger.MeasuredUsage m) {
        if (m == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("method", m.method());
        out.put("session_ids", m.sessionIds());
        out.put("since", Times.format(m.since()));
        out.put("until", Times.format(m.until()));
        out.putAll(totals(m.totals()));
        return out;
    }

    /**
     * The price table every cost in a result came from: the ledger reprices its stored costs to the
     * table in use before it reads them, so one table stands for all of them.
     */
    public static Map<String, Object> prices(PriceTable prices) {
        return prices.provenance();
    }

    public static Map<String, Object> summary(Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scope", s.scope().wireName());
        m.put("scope_id", s.scopeId());
        m.put("since", Times.format(s.since()));
        m.put("until", Times.format(s.until()));
        m.putAll(totals(s.totals()));
        m.put("unpriced_tokens", unpricedTokens(s));
        m.put("by_model", breakdown(s.byModel()));
        m.put("by_agent", breakdown(s.byAgent()));
        m.put("by_source", breakdown(s.bySource()));
        m.put("by_machine", breakdown(s.byMachine()));
        m.put("sources", s.sources());
        m.put("unpriced_models", s.unpricedModels());
        m.put("lower_bound", s.lowerBound());
        m.put("pruned_before", Times.format(s.prunedBefore()));
        m.put("pruned_note", prunedNote(s));
        return m;
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

    private static Map<String, Object> breakdown(Map<String, Totals> groups) {
        Map<String, Object> m = new LinkedHashMap<>();
        groups.forEach((k, v) -> m.put(k, totals(v)));
        return m;
    }

    public static Map<String, Object> recorded(RecordedEvent r) {
        Map<String, Object> m = new LinkedHashMap<>();
        EventInput e = r.event();
        m.put("event_id", r.id());
        m.put("record_key", r.recordKey());
        m.put("replaced", r.replaced());
        m.put("ts", Times.format(e.ts()));
        m.put("model", e.model());
        m.put("priced", r.costNanos() != null);
        m.put("cost_usd", Money.usdOrNull(r.costNanos()));
        m.put("reported_cost_usd", e.reportedCostUsd());
        m.put("price_version", r.priceVersion());
        m.put("tokens_total", e.usage().totalTokens());
        m.put("usage_complete", e.usageComplete());
        m.put("session_id", e.sessionId());
        m.put("task_id", e.taskId());
        m.put("workstream", e.workstream());
        m.put("repo", e.repo());
        m.put("task_totals", r.taskTotals() == null ? null : totals(r.taskTotals()));
        m.put("workstream_totals", r.workstreamTotals() == null ? null : totals(r.workstreamTotals()));
        return m;
    }

    public static Map<String, Object> event(StoredEvent s) {
        EventInput e = s.event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("record_key", e.recordKey());
        m.put("ts", Times.format(e.ts()));
        m.put("ts_start", Times.format(e.tsStart()));
        m.put("ts_end", Times.format(e.tsEnd()));
        m.put("duration_ms", e.durationMs());
        m.put("session_id", e.sessionId());
        m.put("task_id", e.taskId());
        m.put("workstream", e.workstream());
        m.put("repo", e.repo());
        m.put("agent", e.agent());
        m.put("model", e.model());
        m.put("stage", e.stage());
        m.put("role", e.role());
        m.put("structure", e.structure());
        m.put("lane", e.lane());
        m.put("ref_type", e.refType());
        m.put("ref_id", e.refId());
        m.put("input_tokens", e.usage().inputTokens());
        m.put("output_tokens", e.usage().outputTokens());
        m.put("cache_creation_tokens", e.usage().cacheWrite5mTokens());
        m.put("cache_creation_1h_tokens", e.usage().cacheWrite1hTokens());
        m.put("cache_read_tokens", e.usage().cacheReadTokens());
        m.put("tokens_total", e.usage().totalTokens());
        m.put("cost_usd", Money.usdOrNull(s.costNanos()));
        m.put("reported_cost_usd", e.reportedCostUsd());
        m.put("price_version", s.priceVersion());
        m.put("usage_complete", e.usageComplete());
        m.put("source", e.source());
        m.put("status", e.status());
        m.put("note", e.note());
        m.put("created_at", Times.format(s.createdAt()));
        return m;
    }

    public static Map<String, Object> task(Task t) {
        if (t == null) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task_id", t.taskId());
        m.put("title", t.title());
        m.put("status", t.status());
        m.put("workstream", t.workstream());
        m.put("repo", t.repo());
        m.put("created_at", Times.format(t.createdAt()));
        m.put("updated_at", Times.format(t.updatedAt()));
        return m;
    }

    public static Map<String, Object> change(StatusChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("from_status", c.fromStatus());
        m.put("to_status", c.toStatus());
        m.put("note", c.note());
        m.put("session_id", c.sessionId());
        m.put("event_id", c.eventId());
        m.put("ts", Times.format(c.ts()));
        return m;
    }

    public static List<Map<String, Object>> changes(List<StatusChange> list) {
        List<Map<String, Object>> out = new ArrayList<>();
        list.forEach(c -> out.add(change(c)));
        return out;
    }
}
