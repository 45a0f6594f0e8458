package dev.tokenomics.ledger;

import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Fills a ledger with synthetic events for benchmarks: many rows inserted in one transaction
 * through {@link EventWriter}, evenly over a span of days in time order (as a real ledger grows: events are
 * recorded as they happen), fixed by the seed. One model in six (local-llama) has no price, as
 * real ledgers have some unpriced usage.
 */
public final class SyntheticLedger {
    /** Events are spread over this many machines, as a team ledger's are. */
    static final int MACHINES = 4;

    public static final int REPOS = 20;
    public static final int WORKSTREAMS = 50;
    public static final int TASKS = 5_000;
    public static final int AGENTS = 10;
    public static final int SESSIONS = 10_000;
    public static final String[] MODELS = {"claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5",
            "claude-sonnet-4-5-20250929", "gpt-5", "local-llama"};
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
    public static long fill(TokenLedger ledger, int events, Instant end, int days, long seed) {
        return fill(ledger.database(), events, end, days, seed);
    }

    static long fill(Database db, int events, Instant end, int days, long seed) {
        SyntheticLedger g = new SyntheticLedger(seed, end, days, events);
        return db.write("fill a synthetic ledger", c -> {
            if (Dialect.of(c) == Dialect.POSTGRES) {
                try (EventWriter w = new EventWriter(c)) {
                    for (int i = 0; i < events; i++) {
                        w.insertNew(g.next());
                    }
                }
                return g.written;
            }
            // The indexes take random keys: a 256 MB page cache for this connection keeps their
            // pages in memory while the rows go in, then the default comes back.
            int defaultCache;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA cache_size")) {
                rs.next();
                defaultCache = rs.getInt(1);
            }
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA cache_size = -262144");
            }
            // Through the one writer, as every event is: the rollups are kept as for recorded events.
            try (EventWriter w = new EventWriter(c)) {
                for (int i = 0; i < events; i++) {
                    w.insertNew(g.next());
                }
            } finally {
                try (Statement st = c.createStatement()) {
                    st.execute("PRAGMA cache_size = " + defaultCache);
                }
            }
            return g.written;
        });
    }

    private EventRow next() {
        int task = random.nextInt(TASKS);
        int model = random.nextInt(MODELS.length);
        String key = "bench:" + seed + ":" + written++;
        // Time order with jitter: the n-th of N events lands near n/N of the span.
        String ts = Times.format(Instant.ofEpochMilli(startMs + (long) ((written - 1 + random.nextDouble())
                * spanMs / total)));
        String session = "session-" + random.nextInt(SESSIONS);
        String agent = "agent-" + random.nextInt(AGENTS);
        String stage = STAGES[random.nextInt(STAGES.length)];
        long in = 1_000 + random.nextInt(50_000);
        long out = 100 + random.nextInt(5_000);
        long cacheRead = random.nextInt(200_000);
        Long cost = model == MODELS.length - 1 ? null : 1_000_000L + random.nextLong(200_000_000L);
        String status = random.nextInt(100) == 0 ? "error" : "ok";
        return new EventRow(key, ts, null, null, null, session, "task-" + task, "ws-" + (task % WORKSTREAMS),
                "repo-" + (task % REPOS), agent, MODELS[model], stage, null, null, null, null, null, in, out, 0, 0,
                cacheRead, null, cost, null, true, Sources.SELF_REPORT, status, null, now, null,
                "machine-" + (task % MACHINES));
    }
}
