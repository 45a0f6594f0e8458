package dev.tokenomics.ledger;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.postgresql.PGConnection;

/**
 * {@link EventWriter#upsertAll}'s first pass on PostgreSQL: the batch goes over COPY into a
 * per-connection temp table, from which the writer's one INSERT ... SELECT adds the rows whose key
 * is new. A batched INSERT that returns each row's id was a round trip per row (about 3,600 rows/s
 * through {@code record --batch}); COPY is one stream, and the INSERT one statement.
 */
final class PostgresCopy {
    static final String STAGING = "tokenomics_staging_events";
    /** Same column types as token_events, no constraints; emptied by every commit and before every batch. */
    private static final String CREATE = "CREATE TEMP TABLE IF NOT EXISTS " + STAGING
            + " ON COMMIT DELETE ROWS AS SELECT 0::integer AS n, " + EventWriter.COLUMNS
            + " FROM token_events WITH NO DATA";
    private static final String COPY = "COPY " + STAGING + " (n, " + EventWriter.COLUMNS
            + ") FROM STDIN WITH (FORMAT csv)";
    private PostgresCopy() {}

    /**
     * Copies {@code rows} into the per-connection staging table (emptied at commit or rollback),
     * each with its position in the batch as {@code n}: the writer's INSERT ... SELECT reads them.
     */
    static void stage(Connection c, List<EventRow> rows, String localMachine) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(CREATE);
            // Emptied by a commit, not between two batches of one transaction (an import's commit
            // group, importAll's chunks): a row left from the last batch would be inserted again.
            s.execute("TRUNCATE " + STAGING);
        }
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        for (int i = 0; i < rows.size(); i++) {
            appendCsv(csv, i, rows.get(i), localMachine);
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("copying " + rows.size() + " events into PostgreSQL failed: " + e.getMessage(), e);
        }
    }

    /** One CSV record in {@link EventWriter#COLUMNS} order: NULL unquoted and empty, text always quoted. */
    private static void appendCsv(StringBuilder out, int n, EventRow r, String localMachine) {
        out.append(n);
        text(out, r.recordKey());
        text(out, r.ts());
        text(out, r.tsStart());
        text(out, r.tsEnd());
        number(out, r.durationMs());
        text(out, r.sessionId());
        text(out, r.taskId());
        text(out, r.workstream());
        text(out, r.repo());
        text(out, r.agent());
        text(out, r.model());
        text(out, r.stage());
        text(out, r.role());
        text(out, r.structure());
        text(out, r.lane());
        text(out, r.refType());
        text(out, r.refId());
        number(out, r.inputTokens());
        number(out, r.outputTokens());
        number(out, r.cacheCreationTokens());
        number(out, r.cacheCreation1hTokens());
        number(out, r.cacheReadTokens());
        number(out, r.reportedCostNanos());
        number(out, r.costNanos());
        text(out, r.priceVersion());
        number(out, r.usageComplete() ? 1L : 0L);
        text(out, r.source());
        text(out, r.status());
        text(out, r.note());
        text(out, r.createdAt());
        text(out, r.speed());
        text(out, r.machine() != null ? r.machine() : localMachine);
        out.append('\n');
    }

    private static void text(StringBuilder out, String value) {
        out.append(',');
        if (value == null) {
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '"') {
                out.append('"');
            }
            out.append(ch);
        }
        out.append('"');
    }

    private static void number(StringBuilder out, Long value) {
        out.append(',');
        if (value != null) {
            out.append(value.longValue());
        }
    }
}
