package dev.tokenomics.report;

import dev.tokenomics.ledger.LedgerBreakdown.By;
import dev.tokenomics.ledger.LedgerBreakdown.Group;
import dev.tokenomics.ledger.LedgerBreakdown.Message;
import dev.tokenomics.ledger.Summary;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.Totals;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.report.BreakdownResults.EventRow;
import dev.tokenomics.report.BreakdownResults.GroupRow;
import dev.tokenomics.report.BreakdownResults.Other;
import dev.tokenomics.report.BreakdownResults.Sums;
import dev.tokenomics.text.Cost;
import dev.tokenomics.text.Format;
import dev.tokenomics.text.TextTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The drill-downs as answers: rows sorted costliest first, a wholly unpriced row (no cost at all,
 * not $0) after every priced one; the first {@code top} kept and the rest added up into one
 * "(other)" row, so that the rows shown always add up to the total.
 */
public final class Breakdowns {
    public static final int DEFAULT_TOP = 20;
    public static final int MAX_TOP = 1_000;
    /** The row that stands for the rows past top, in text and CSV. */
    public static final String OTHER = "(other)";

    private Breakdowns() {}

    /** The window ({@code until} exclusive; null: open) and how many rows to keep. */
    public record Request(Instant since, Instant until, int top) {
        public Request {
            if (top < 1 || top > MAX_TOP) {
                throw new IllegalArgumentException("top must be between 1 and " + MAX_TOP + ", got " + top);
            }
        }
    }

    /** An answer and its text. */
    public record Output(BreakdownResults.Answer answer, String text) {}

    /**
     * Costliest first: a row with a cost before a row whose every event is unpriced; then by cost,
     * then by tokens, largest first; {@code tieBreak} last, so the order never depends on the read.
     */
    static <T> Comparator<T> costliestFirst(Function<T, Totals> totals, Comparator<T> tieBreak) {
        Comparator<T> priced = Comparator.comparing(t -> Cost.allUnpriced(totals.apply(t).events(),
                totals.apply(t).unpricedEvents()));
        return priced.thenComparing(Comparator.comparingLong((T t) -> totals.apply(t).costNanos()).reversed())
                .thenComparing(Comparator.comparingLong((T t) -> totals.apply(t).totalTokens()).reversed())
                .thenComparing(tieBreak);
    }

    public static Output groups(By by, String sessionId, List<Group> groups, Request r, PriceTable.Provenance prices) {
        List<Group> sorted = new ArrayList<>(groups);
        sorted.sort(costliestFirst(Group::totals, Comparator.comparing(Breakdowns::key)));
        Totals total = sum(sorted, Group::totals);
        List<Group> kept = sorted.subList(0, Math.min(r.top(), sorted.size()));
        List<Group> rest = sorted.subList(kept.size(), sorted.size());
        Other other = rest.isEmpty() ? null : new Other(rest.size(), Sums.of(sum(rest, Group::totals)));
        List<GroupRow> rows = kept.stream().map(g -> new GroupRow(key(g), Sums.of(g.totals()))).toList();
        var answer = new BreakdownResults.Groups("groups", by.wireName(), sessionId, Times.format(r.since()),
                Times.format(r.until()), r.top(), sorted.size(), rows, other, Sums.of(total), prices);

        StringBuilder text = new StringBuilder("Breakdown by ").append(by.wireName())
                .append(sessionId == null ? "" : " in session " + sessionId).append(", ").append(window(r))
                .append(": ").append(count(sorted.size(), "group"))
                .append(", costliest first\n");
        TextTable t = TextTable.of(by.wireName(), "events", "input", "output", "cache write 5m", "cache write 1h",
                "cache read", "total", "cost");
        for (Group g : kept) {
            t.row(cells(key(g), g.totals()));
        }
        if (!rest.isEmpty()) {
            t.row(cells(OTHER, sum(rest, Group::totals)));
        }
        t.row(cells("TOTAL", total));
        text.append(t.render());
        if (!rest.isEmpty()) {
            text.append(OTHER).append(": the ").append(count(rest.size(), "group")).append(" past top ")
                    .append(r.top()).append(", added up.\n");
        }
        return new Output(answer, text.toString());
    }

    public static Output sessionEvents(String sessionId, List<Message> events, Request r, PriceTable.Provenance prices) {
        List<Message> sorted = new ArrayList<>(events);
        // Among equal costs, the latest first, as list_token_events orders events.
        sorted.sort(costliestFirst(Message::totals, Comparator.comparing(Message::ts).reversed()
                .thenComparing(Comparator.comparingLong(Message::id).reversed())));
        Totals total = sum(sorted, Message::totals);
        List<Message> kept = sorted.subList(0, Math.min(r.top(), sorted.size()));
        List<Message> rest = sorted.subList(kept.size(), sorted.size());
        Totals restTotal = sum(rest, Message::totals);
        Other other = rest.isEmpty() ? null : new Other(rest.size(), Sums.of(restTotal));
        List<EventRow> rows = kept.stream().map(m -> new EventRow(m.id(), Times.format(m.ts()), m.model(), m.agent(),
                m.taskId(), m.stage(), Sums.of(m.totals()))).toList();
        var answer = new BreakdownResults.SessionEvents("events", sessionId, Times.format(r.since()),
                Times.format(r.until()), r.top(), sorted.size(), rows, other, Sums.of(total), prices);

        StringBuilder text = new StringBuilder("Session ").append(sessionId).append(", ").append(window(r))
                .append(": ").append(count(sorted.size(), "event"))
                .append(", costliest first\n");
        TextTable t = TextTable.of("event", "ts", "model", "agent", "task", "stage", "input", "output",
                "cache write 5m", "cache write 1h", "cache read", "total", "cost");
        for (Message m : kept) {
            t.row(eventCells(Long.toString(m.id()), Times.format(m.ts()), m.model(), m.agent(), m.taskId(), m.stage(),
                    m.totals()));
        }
        if (!rest.isEmpty()) {
            t.row(eventCells(OTHER, "", "", "", "", "", restTotal));
        }
        t.row(eventCells("TOTAL", "", "", "", "", "", total));
        text.append(t.render());
        if (!rest.isEmpty()) {
            text.append(OTHER).append(": the ").append(count(rest.size(), "event")).append(" past top ")
                    .append(r.top()).append(", added up.\n");
        }
        return new Output(answer, text.toString());
    }

    private static String count(long n, String noun) {
        return Format.count(n) + " " + noun + (n == 1 ? "" : "s");
    }

    private static String key(Group g) {
        return g.key() == null ? Summary.NONE : g.key();
    }

    private static <T> Totals sum(List<T> rows, Function<T, Totals> totals) {
        Totals t = Totals.ZERO;
        for (T row : rows) {
            t = t.plus(totals.apply(row));
        }
        return t;
    }

    private static Object[] cells(String name, Totals t) {
        return new Object[] {name, Format.count(t.events()), Format.count(t.inputTokens()),
            Format.count(t.outputTokens()), Format.count(t.cacheWrite5mTokens()), Format.count(t.cacheWrite1hTokens()),
            Format.count(t.cacheReadTokens()), Format.count(t.totalTokens()), TextViews.cost(t)};
    }

    private static Object[] eventCells(String id, String ts, String model, String agent, String task, String stage,
            Totals t) {
        Object[] sums = cells("", t);
        return new Object[] {id, ts, model, agent, task, stage, sums[2], sums[3], sums[4], sums[5], sums[6], sums[7],
            sums[8]};
    }

    private static String window(Request r) {
        if (r.since() == null && r.until() == null) {
            return "all time";
        }
        return (r.since() == null ? "the beginning" : Times.format(r.since())) + " to "
                + (r.until() == null ? "now" : Times.format(r.until()) + " (exclusive)");
    }
}
