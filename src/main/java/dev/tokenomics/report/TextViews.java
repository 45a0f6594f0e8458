package dev.tokenomics.report;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.ledger.RecordedEvent;
import dev.tokenomics.ledger.StatusChange;
import dev.tokenomics.ledger.StoredEvent;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.TaskUpdateResult;
import dev.tokenomics.ledger.TaskView;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.text.Cost;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.util.List;
import java.util.Map;

/** Ledger values as short readable text: the table half of a tool result and the CLI's default output. */
public final class TextViews {
    private TextViews() {}

    /** "$3.41", "≥ $3.41" when part of it could not be priced, "--" when none of it could. */
    public static String cost(Totals t) {
        return Cost.text(t.events(), t.unpricedEvents(), t.costNanos());
    }

    public static String recorded(RecordedEvent r) {
        EventInput e = r.event();
        StringBuilder out = new StringBuilder();
        out.append(r.replaced() ? "Replaced" : "Recorded").append(" event ").append(r.id())
                .append(" (record_key ").append(r.recordKey()).append("): ")
                .append(Format.count(e.usage().totalTokens())).append(" tokens, ")
                .append(r.costNanos() == null ? "unpriced" + (e.model() == null ? " (no model given)" : " (model "
                        + e.model() + " has no price)") : Money.display(r.costNanos()))
                .append(e.usageComplete() ? "" : ", a lower bound").append('\n');
        TextTable t = TextTable.of("running total", "id", "events", "tokens", "cost");
        if (r.taskTotals() != null) {
            t.row("task", e.taskId(), r.taskTotals().events(), Format.count(r.taskTotals().totalTokens()), cost(r.taskTotals()));
        }
        if (r.workstreamTotals() != null) {
            t.row("workstream", e.workstream(), r.workstreamTotals().events(),
                    Format.count(r.workstreamTotals().totalTokens()), cost(r.workstreamTotals()));
        }
        if (!t.isEmpty()) {
            out.append(t.render());
        }
        return out.toString();
    }

    public static String batch(List<RecordedEvent> recorded) {
        long replaced = recorded.stream().filter(RecordedEvent::replaced).count();
        long tokens = recorded.stream().mapToLong(r -> r.event().usage().totalTokens()).sum();
        long nanos = recorded.stream().filter(r -> r.costNanos() != null).mapToLong(RecordedEvent::costNanos).sum();
        long unpriced = recorded.stream().filter(r -> r.costNanos() == null).count();
        return "Recorded " + recorded.size() + " events (" + (recorded.size() - replaced) + " new, " + replaced
                + " replaced): " + Format.count(tokens) + " tokens, " + Cost.text(recorded.size(), unpriced, nanos)
                + (unpriced > 0 ? " (" + unpriced + " unpriced)" : "") + "\n";
    }

    public static String summary(Summary s) {
        StringBuilder out = new StringBuilder();
        out.append("Summary of ").append(s.scope().wireName())
                .append(s.scopeId() == null ? "" : " " + s.scopeId())
                .append(", window ").append(window(s))
                .append(s.sources() == null ? "" : ", sources " + String.join(", ", s.sources())).append('\n');
        if (s.prunedBefore() != null) {
            out.append("Pruned: ").append(Views.prunedNote(s)).append(".\n");
        }
        if (s.lowerBound()) {
            out.append("Lower bound: ").append(s.totals().lowerBoundEvents())
                    .append(" events reported incomplete usage.\n");
        }
        if (!s.unpricedModels().isEmpty()) {
            Long tokens = Views.unpricedTokens(s);
            out.append("Unpriced models (no price, so no cost counted for them").append(tokens == null ? ""
                    : ": " + Format.count(tokens) + " tokens").append("): ").append(String.join(", ", s.unpricedModels()))
                    .append('\n');
        }
        out.append(breakdownTable("model", s.byModel(), s.totals()));
        if (s.byAgent().size() > 1 || !s.byAgent().containsKey(Summary.NONE)) {
            out.append('\n').append(breakdownTable("agent", s.byAgent(), s.totals()));
        }
        if (s.bySource().size() > 1 || s.sources() != null) {
            out.append('\n').append(breakdownTable("source", s.bySource(), s.totals()));
        }
        if (s.byMachine().size() > 1) {
            out.append('\n').append(breakdownTable("machine", s.byMachine(), s.totals()));
        }
        return out.toString();
    }

    static String window(Summary s) {
        if (s.since() == null && s.until() == null) {
            return "all time (UTC)";
        }
        return (s.since() == null ? "the beginning" : Times.format(s.since())) + " to "
                + (s.until() == null ? "now" : Times.format(s.until()) + " (exclusive)") + " (UTC)";
    }

    private static String breakdownTable(String by, Map<String, Totals> groups, Totals total) {
        TextTable t = TextTable.of(by, "events", "input", "output", "cache write", "cache read", "total", "cost");
        groups.forEach((k, v) -> row(t, k, v));
        row(t, "TOTAL", total);
        return t.render();
    }

    private static void row(TextTable t, String name, Totals v) {
        t.row(name, Format.count(v.events()), Format.count(v.inputTokens()), Format.count(v.outputTokens()),
                Format.count(v.cacheWriteTokens()), Format.count(v.cacheReadTokens()), Format.count(v.totalTokens()),
                cost(v));
    }

    public static String events(List<StoredEvent> events, String nextCursor) {
        if (events.isEmpty()) {
            return "No events match.\n";
        }
        TextTable t = TextTable.of("id", "ts", "task", "model", "tokens", "cost", "status");
        for (StoredEvent s : events) {
            EventInput e = s.event();
            t.row(s.id(), Times.format(e.ts()), e.taskId(), e.model(), Format.count(e.usage().totalTokens()),
                    s.costNanos() == null ? Cost.NONE : Money.display(s.costNanos()), e.status());
        }
        return t.render() + (nextCursor == null ? "" : "More events: pass cursor " + nextCursor + "\n");
    }

    public static String taskUpdate(TaskUpdateResult r) {
        StringBuilder out = new StringBuilder();
        StatusChange c = r.change();
        out.append("Task ").append(r.task().taskId()).append(r.created() ? " created as " : " ")
                .append(c.fromStatus() == null ? "" : c.fromStatus() + " -> ").append(c.toStatus()).append('\n');
        if (r.event() != null) {
            out.append(recorded(r.event()));
        }
        return out.toString();
    }

    public static String task(TaskView v) {
        StringBuilder out = new StringBuilder();
        if (v.task() == null) {
            out.append("Task ").append(v.taskId()).append(" has events but was never given a status.\n");
        } else {
            out.append("Task ").append(v.taskId()).append(v.task().title() == null ? "" : ": " + v.task().title())
                    .append(" [").append(v.task().status()).append("]")
                    .append(v.task().workstream() == null ? "" : " workstream " + v.task().workstream())
                    .append(v.task().repo() == null ? "" : " repo " + v.task().repo()).append('\n');
        }
        if (!v.history().isEmpty()) {
            TextTable h = TextTable.of("ts", "from", "to", "note");
            for (StatusChange c : v.history()) {
                h.row(Times.format(c.ts()), c.fromStatus(), c.toStatus(), c.note());
            }
            out.append(h.render());
        }
        out.append(summary(v.summary()));
        if (v.measured() != null) {
            var m = v.measured();
            out.append("Measured from transcripts (").append(m.method()).append(", sessions ")
                    .append(String.join(", ", m.sessionIds())).append("): ")
                    .append(String.format(java.util.Locale.ROOT, "%,d tokens", m.totals().totalTokens()))
                    .append(", ").append(cost(m.totals()))
                    .append(m.totals().unpricedEvents() > 0 ? " (unpriced models)" : "")
                    .append(v.selfReportSuperseded() ? "; it supersedes the self-report, a lower bound" : "")
                    .append('\n');
        }
        return out.toString();
    }
}
