package dev.tokenomics.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The drill-down reads: the events of a filter grouped by one column, or one session's events one
 * by one. Each is one statement, so its rows and the totals made from them are one consistent read.
 * The grouping column comes from {@link By}, never from the caller's text; every value is bound.
 */
public final class LedgerBreakdown {
    private final TokenLedger ledger;

    LedgerBreakdown(TokenLedger ledger) {
        this.ledger = ledger;
    }

    /** What to group by, each with its fixed token_events column. */
    public enum By {
        TASK("task_id"), AGENT("agent"), MODEL("model"), SESSION("session_id"), STAGE("stage"),
        WORKSTREAM("workstream");

        public static final List<String> NAMES = Arrays.stream(values()).map(By::wireName).toList();

        final String column;

        By(String column) {
            this.column = column;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The dimension named {@code text}; otherwise an error naming {@code field}, the value and the choices. */
        public static By parse(String field, String text) {
            for (By b : values()) {
                if (b.wireName().equals(text)) {
                    return b;
                }
            }
            throw new IllegalArgumentException(field + " must be one of " + String.join(", ", NAMES) + "; got "
                    + Times.quote(text));
        }
    }

    /** One group: its key (null for the events that have none) and its sums. */
    public record Group(String key, Totals totals) {}

    /** One event of a session, with its own sums (one event, priced or not). */
    public record Message(long id, Instant ts, String model, String agent, String taskId, String stage, Totals totals) {}

    /** The filter's events grouped by {@code by}, in no particular order (the caller sorts by cost). */
    public List<Group> groups(By by, EventFilter filter) {
        EventStore.Where where = filter.where();
        String sql = "SELECT " + by.column + ", " + Totals.COLUMNS + " FROM token_events"
                + (where.sql().isEmpty() ? "" : " WHERE " + where.sql()) + " GROUP BY " + by.column;
        ledger.reprice(); // costs are read: on this ledger's table first
        return ledger.database().read("break events down by " + by.wireName(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                EventStore.bind(ps, where.args());
                List<Group> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Group(rs.getString(1), Totals.read(rs, 2)));
                    }
                }
                return out;
            }
        });
    }

    /** The events of one session (the filter's session id, which is required), in no particular order. */
    public List<Message> messages(EventFilter filter) {
        if (filter.sessionId() == null || filter.sessionId().isBlank()) {
            throw new IllegalArgumentException("session is required for a session's events, got none");
        }
        EventStore.Where where = filter.where();
        // Each row as Totals.read expects it: one event, its cost or none, its lower-bound flag.
        String sql = "SELECT id, ts, model, agent, task_id, stage, 1, input_tokens, output_tokens, cache_creation_tokens, "
                + "cache_creation_1h_tokens, cache_read_tokens, COALESCE(cost_nanos, 0), "
                + "CASE WHEN cost_nanos IS NULL THEN 1 ELSE 0 END, 1 - usage_complete FROM token_events WHERE "
                + where.sql();
        ledger.reprice();
        return ledger.database().read("list the events of a session", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                EventStore.bind(ps, where.args());
                List<Message> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Message(rs.getLong(1), Times.parseStored(rs.getString(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), Totals.read(rs, 7)));
                    }
                }
                return out;
            }
        });
    }
}
