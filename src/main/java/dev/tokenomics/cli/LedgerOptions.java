package dev.tokenomics.cli;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.LedgerLocation;
import dev.tokenomics.ledger.Machines;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.transcripts.ClaudeSession;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** --db, --machine and --prices, shared by every command that opens the ledger. */
final class LedgerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--db", paramLabel = "PATH|URL",
            description = "Ledger: a SQLite file, or a PostgreSQL database for a team (postgresql://user[:password]@host"
                    + "[:port]/dbname or jdbc:postgresql://host[:port]/dbname?user=...). Default: env TOKENOMICS_DB, else "
                    + "~/.tokenomics/ledger.db (folder created; ~ is $HOME).")
    String db;

    @Option(names = "--machine", paramLabel = "NAME",
            description = "The machine the events this command records come from. Default: env TOKENOMICS_MACHINE, "
                    + "else the host name.")
    String machine;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Extra or overriding model prices, in LiteLLM's model_prices_and_context_window.json "
                    + "format (or one `prices update` compiled), on top of the table in use. Default: env TOKENOMICS_PRICES; "
                    + "the table in use is the bundled LiteLLM one, or the newer one `prices update` kept beside the ledger.")
    Path prices;

    /** The ledger of {@code env}: TOKENOMICS_DB (a path or a PostgreSQL URL), else ~/.tokenomics/ledger.db. */
    static LedgerLocation defaultDb(Map<String, String> env) {
        String fromEnv = env.get("TOKENOMICS_DB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return LedgerLocation.parse(fromEnv);
        }
        return LedgerLocation.sqlite(Home.dir(env).resolve(".tokenomics").resolve("ledger.db"));
    }

    /** {@code --db} read (a path or a URL), else the default; a bad URL fails naming it. */
    static LedgerLocation location(String db, Map<String, String> env) {
        return db != null ? LedgerLocation.parse(db) : defaultDb(env);
    }

    LedgerLocation location() {
        return location(db, System.getenv());
    }

    /** What the events of this command are stamped with: --machine, else TOKENOMICS_MACHINE, else the host name. */
    String machine() {
        return machine != null ? Machines.check(machine.strip()) : Machines.local();
    }

    /**
     * Where {@code prices update} keeps the newer table: beside a ledger file, so every command on it
     * finds it; for a PostgreSQL ledger, in ~/.tokenomics (each machine keeps its own table).
     */
    static Path updatedPrices(LedgerLocation db) {
        Path parent = db.isPostgres() ? Home.dir(System.getenv()).resolve(".tokenomics")
                : db.file().toAbsolutePath().getParent();
        return parent.resolve("prices").resolve("prices.tsv");
    }

    /** The table in use: bundled, then the updated one beside the ledger, then --prices; warns once when old. */
    PriceTable priceTable() {
        PriceTable table = priceTable(location(), prices);
        warnWhenOld(table);
        return table;
    }

    /**
     * The bundled table, the one {@code prices update} kept beside {@code db} if any, and {@code file}
     * (else env TOKENOMICS_PRICES) on top.
     */
    static PriceTable priceTable(LedgerLocation db, Path file) {
        if (file == null) {
            String fromEnv = System.getenv("TOKENOMICS_PRICES");
            file = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
        }
        Path updated = updatedPrices(db);
        return PriceTable.load(Files.isRegularFile(updated) ? updated : null, file);
    }

    /** A price table older than this many days is said to be old, once per command. */
    static final int OLD_TABLE_DAYS = 90;

    private boolean warned;

    private void warnWhenOld(PriceTable table) {
        if (!warned && mixee != null) {
            warned = warnWhenOld(table, mixee.commandLine().getErr());
        }
    }

    /** Says on {@code err} (when given) that the table is old, if it is; true when it said so. */
    static boolean warnWhenOld(PriceTable table, PrintWriter err) {
        LocalDate date = table.base().date();
        if (date == null || err == null) {
            return false;
        }
        long days = ChronoUnit.DAYS.between(date, LocalDate.now(ZoneOffset.UTC));
        if (days > OLD_TABLE_DAYS) {
            err.println("warning: the price table is from " + date + " (" + days
                    + " days old): newer models may be unpriced; get a newer one with `tokenomics prices update --from "
                    + "FILE|URL` (LiteLLM's model_prices_and_context_window.json)");
            err.flush();
            return true;
        }
        return false;
    }

    /** Opens the ledger; events default to the Claude Code session in the environment, if any. */
    TokenLedger open() {
        ClaudeSession session = ClaudeSession.fromEnvironment(System.getenv());
        EventDefaults defaults = new EventDefaults(session.sessionId(), session.repo(), machine());
        return TokenLedger.openBeside(location(), this::priceTable, Clock.systemUTC(), defaults);
    }

    /**
     * As {@link #open()}, with the ledger file opened on another thread while this one reads the
     * price table and goes on (the stdio server builds itself meanwhile); the first call waits.
     */
    TokenLedger openInBackground() {
        return openInBackground(db, prices, machine, mixee == null ? null : mixee.commandLine().getErr());
    }

    /** As {@link #openInBackground()} for {@code --db} and {@code --prices} read without picocli (null: default). */
    static TokenLedger openInBackground(String db, Path prices, String machine, PrintWriter err) {
        LedgerLocation where = location(db, System.getenv());
        ClaudeSession session = ClaudeSession.fromEnvironment(System.getenv());
        String stamp = machine != null ? Machines.check(machine.strip()) : null;
        PriceTable table = priceTable(where, prices);
        warnWhenOld(table, err);
        return TokenLedger.openInBackground(where, table, Clock.systemUTC(),
                new EventDefaults(session.sessionId(), session.repo(), stamp));
    }
}
