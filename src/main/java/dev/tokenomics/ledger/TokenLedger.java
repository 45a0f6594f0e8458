package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * The books: records token events and task status changes, and adds them up. Each public method
 * is one transaction (writes) or one consistent read, so a failure leaves nothing half-written.
 */
public final class TokenLedger implements AutoCloseable {
    public static final int MAX_BATCH = 10_000;
    public static final int MAX_PAGE = 1_000;

    private final Database db;
    private final PriceTable prices;
    private final Clock clock;
    private final EventDefaults defaults;
    private final CostFollower follower;
    private final LedgerEvents events;
    private final LedgerTasks tasks;
    private final LedgerReports reports;
    private final LedgerRollups rollups;
    private final LedgerImports imports;

    TokenLedger(Database db, PriceTable prices, Clock clock, EventDefaults defaults) {
        this.db = db;
        this.prices = prices;
        this.clock = clock;
        this.defaults = defaults;
        this.follower = new CostFollower(db, prices, clock);
        this.events = new LedgerEvents(this);
        this.tasks = new LedgerTasks(this);
        this.reports = new LedgerReports(this);
        this.rollups = new LedgerRollups(this);
        this.imports = new LedgerImports(this);
    }

    /** Token events: record, add up, page through. */
    public LedgerEvents events() {
        return events;
    }

    /** Tasks, their status changes, and refs. */
    public LedgerTasks tasks() {
        return tasks;
    }

    /** The report's, the dashboard's and the usage views' reads. */
    public LedgerReports reports() {
        return reports;
    }

    /** Daily rollups: snapshot, prune, read. */
    public LedgerRollups rollups() {
        return rollups;
    }

    /** The importers' batches and cursors. */
    public LedgerImports imports() {
        return imports;
    }

    /** Budgets, their spend and their alerts. */
    public LedgerBudgets budgets() {
        return new LedgerBudgets(db);
    }

    /** The grouped reads behind insights. */
    public LedgerInsights insights() {
        return new LedgerInsights(db);
    }

    /** The drill-downs: events grouped by task, agent, model, session, stage or workstream, or one session's events. */
    public LedgerBreakdown breakdown() {
        return new LedgerBreakdown(this);
    }

    /** What sync pushes from this ledger and what a hub receives into it. */
    public SyncLedger sync() {
        return new SyncLedger(this);
    }

    /** This ledger's events costed with {@code other} prices: same file, same pool (a benchmark's second table). */
    public TokenLedger withPrices(PriceTable other) {
        return new TokenLedger(db, other, clock, defaults);
    }

    /** As this ledger, with {@code other} clock (tests and benchmarks that set the time). */
    public TokenLedger withClock(Clock other) {
        return new TokenLedger(db, prices, other, defaults);
    }

    public static TokenLedger open(Path file, PriceTable prices, EventDefaults defaults) {
        return new TokenLedger(Database.open(file), prices, Clock.systemUTC(), defaults);
    }

    /** Opens the ledger at {@code location}: a SQLite file or a PostgreSQL database. */
    public static TokenLedger open(LedgerLocation location, PriceTable prices, EventDefaults defaults) {
        return new TokenLedger(Database.open(location), prices, Clock.systemUTC(), defaults);
    }

    /** Opens the ledger at {@code location} on {@code clock} (tests and benchmarks set the time). */
    public static TokenLedger open(LedgerLocation location, PriceTable prices, Clock clock, EventDefaults defaults) {
        return new TokenLedger(Database.open(location), prices, clock, defaults);
    }

    /**
     * Opens the ledger with its pool and schema check started on another thread: a command parses
     * its arguments and a server answers initialize meanwhile; the first read or write waits.
     */
    public static TokenLedger openInBackground(LedgerLocation location, PriceTable prices, Clock clock,
            EventDefaults defaults) {
        return new TokenLedger(Database.openInBackground(location), prices, clock, defaults);
    }

    /**
     * Opens the ledger on another thread while {@code prices} is read on this one: a one-shot
     * command pays the longer of the two, not their sum (the bundled table takes about as long to
     * read as the pool and schema check take to open). Returns once both are done, so a ledger that
     * cannot open fails here with its own message, as {@link #open} does, not inside the first call.
     */
    public static TokenLedger openBeside(LedgerLocation location, Supplier<PriceTable> prices,
            Clock clock, EventDefaults defaults) {
        Database db = Database.openInBackground(location, false);
        try {
            TokenLedger ledger = new TokenLedger(db, prices.get(), clock, defaults);
            db.awaitOpen();
            return ledger;
        } catch (RuntimeException | Error e) {
            db.close();
            throw e;
        }
    }

    Database database() {
        return db;
    }

    EventDefaults defaults() {
        return defaults;
    }

    /** Where the ledger is, as messages print it (a PostgreSQL password never shows). */
    public LedgerLocation location() {
        return db.location();
    }

    /** The SQLite ledger file; null for a PostgreSQL ledger. */
    public Path file() {
        return db.file();
    }

    public PriceTable prices() {
        return prices;
    }

    /** The machine this ledger records as (--machine, TOKENOMICS_MACHINE, else the host name). */
    public String machine() {
        return defaults.machineOrLocal();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Brings the stored costs onto this ledger's price table when they follow another: see
     * {@link CostFollower#reprice}. Returns how many events' costs changed, or -1 when nothing was
     * to do (one read). Every read of costs calls it; a write calls it until the costs are seen to
     * follow this table.
     */
    public long reprice() {
        return follower.reprice();
    }

    /** Events per reprice transaction; tests set fewer to see a reprice cut between chunks. */
    void repriceChunk(int events) {
        follower.chunk(events);
    }

    /**
     * A write transaction beside the reprice: first one chunk of it when the stored costs were not
     * seen to follow this table; the writer costs with this table and marks what it wrote when
     * they follow another, for the reprice (finished by the next read) to check.
     */
    <T> T write(String operation, Database.Work<T> work) {
        follower.catchUp();
        EventStore.Writer.clearStanding();
        T result = db.write(operation, work);
        Repricer.Standing standing = EventStore.Writer.lastStanding();
        if (standing != null) {
            follower.wrote(standing);
        }
        return result;
    }

    @Override
    public void close() {
        db.close();
    }
}
