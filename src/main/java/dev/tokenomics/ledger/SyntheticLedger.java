package dev.tokenomics.ledger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Fills a ledger with synthetic events for benchmarks: many rows inserted in one transaction with
 * multi-row INSERTs, evenly over a span of days in time order (as a real ledger grows: events are
 * recorded as they happen), fixed by the seed. One model in six (local-llama) has no price, as
 * real ledgers have some unpriced usage.
 */
public final class SyntheticLedger {
    public static final int REPOS = 20;
    public static final int WORKSTREAMS = 50;
    public static final int TASKS = 5_000;
    public static final int AGENTS = 10;
    public static final int SESSIONS = 10_000;
    public static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5",
            "claude-sonnet-4-5-20250929", "gpt-5", "local-llama"};
    private static final int ROWS_PER_STATEMENT = 200;
    private static final String COLUMNS = "(record_key, ts, session_id, task_id, workstream, repo, agent, model, "
            + "stage, input_tokens, output_tokens, cache_read_tokens, cost_nanos, status, created_at)";
    private static final String ROW = "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String[] STAGES = {"classify", "plan", "execute", "review"};

    private final SplittableRandom random;
    private final long seed;
    private final long startMs;
    private final long spanMs;
    private final String now;
    private final long total;
    private long written;

    private SyntheticLedger(long seed, Instant end, int days, long total) {
        this.total = total;
        this.random = new SplittableRandom(seed);
        this.seed = seed;
        this.spanMs = days * 86_400_000L;
        this.startMs = end.toEpochMilli() - spanMs;
        this.now = Times.format(end);
    }

    /** Inserts {@code events} rows with ts in [end - days, end); returns how many were written. */
    public static long fill(Database db, int events, Instant end, int days, long seed) {
        SyntheticLedger g = new SyntheticLedger(seed, end, days, events);
        return db.write("fill a synthetic ledger", c -> {
            // Eight indexes take random keys: a 256 MB page cache for this connection keeps their
            // pages in memory while the rows go in, then the default comes back.
            int defaultCache;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA cache_size")) {
                rs.next();
                defaultCache = rs.getInt(1);
            }
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA cache_size = -262144");
            }
            try (PreparedStatement many = c.prepareStatement(insert(ROWS_PER_STATEMENT));
                    PreparedStatement one = c.prepareStatement(insert(1))) {
                for (int s = 0; s < events / ROWS_PER_STATEMENT; s++) {
                    for (int i = 0; i < ROWS_PER_STATEMENT; i++) {
                        g.bind(many, i * 15 + 1);
                    }
                    many.executeUpdate();
                }
                for (int i = 0; i < events % ROWS_PER_STATEMENT; i++) {
                    g.bind(one, 1);
                    one.executeUpdate();
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA cache_size = " + defaultCache);
                }
            }
            return g.written;
        });
    }

    private static String insert(int rows) {
        return "INSERT INTO token_events " + COLUMNS + " VALUES " + ROW + (",\n" + ROW).repeat(rows - 1);
    }

    private void bind(PreparedStatement ps, int first) throws SQLException {
        int p = first;
        int task = random.nextInt(TASKS);
        int model = random.nextInt(MODELS.length);
        ps.setString(p++, "bench:" + seed + ":" + written++);
        // Time order with jitter: the n-th of N events lands near n/N of the span.
        ps.setString(p++, Times.format(Instant.ofEpochMilli(startMs + (long) ((written - 1 + random.nextDouble())
                * spanMs / total))));
        ps.setString(p++, "session-" + random.nextInt(SESSIONS));
        ps.setString(p++, "task-" + task);
        ps.setString(p++, "ws-" + (task % WORKSTREAMS));
        ps.setString(p++, "repo-" + (task % REPOS));
        ps.setString(p++, "agent-" + random.nextInt(AGENTS));
        ps.setString(p++, MODELS[model]);
        ps.setString(p++, STAGES[random.nextInt(STAGES.length)]);
        ps.setLong(p++, 1_000 + random.nextInt(50_000));
        ps.setLong(p++, 100 + random.nextInt(5_000));
        ps.setLong(p++, random.nextInt(200_000));
        if (model == MODELS.length - 1) {
            ps.setNull(p++, Types.INTEGER);
        } else {
            ps.setLong(p++, 1_000_000L + random.nextLong(200_000_000L));
        }
        ps.setString(p++, random.nextInt(100) == 0 ? "error" : "ok");
        ps.setString(p, now);
    }
}
