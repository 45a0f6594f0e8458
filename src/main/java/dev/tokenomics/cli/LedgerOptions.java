package dev.tokenomics.cli;

import dev.tokenomics.ledger.Database;
import dev.tokenomics.ledger.EventDefaults;
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

/** --db and --prices, shared by every command that opens the ledger. */
final class LedgerOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--db", paramLabel = "PATH",
            description = "Ledger file. Default: env TOKENOMICS_DB, else ~/.tokenomics/ledger.db (folder created; ~ is $HOME).")
    Path db;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Extra or overriding model prices, in LiteLLM's model_prices_and_context_window.json "
                    + "format (or one `prices update` compiled), on top of the table in use. Default: env TOKENOMICS_PRICES; "
                    + "the table in use is the bundled LiteLLM one, or the newer one `prices update` kept beside the ledger.")
    Path prices;

    static Path defaultDb(Map<String, String> env) {
        String fromEnv = env.get("TOKENOMICS_DB");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return Home.dir(env).resolve(".tokenomics").resolve("ledger.db");
    }

    Path dbPath() {
        return db != null ? db : defaultDb(System.getenv());
    }

    /** Where {@code prices update} keeps the newer table: beside the ledger, so every command on it finds it. */
    static Path updatedPrices(Path db) {
        Path parent = db.toAbsolutePath().getParent();
        return parent.resolve("prices").resolve("prices.tsv");
    }

    /** The table in use: bundled, then the updated one beside the ledger, then --prices; warns once when old. */
    PriceTable priceTable() {
        PriceTable table = priceTable(dbPath(), prices);
        warnWhenOld(table);
        return table;
    }

    /**
     * The bundled table, the one {@code prices update} kept beside {@code db} if any, and {@code file}
     * (else env TOKENOMICS_PRICES) on top.
     */
    static PriceTable priceTable(Path db, Path file) {
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
        return TokenLedger.open(dbPath(), priceTable(), new EventDefaults(session.sessionId(), session.repo()));
    }

    /**
     * As {@link #open()}, with the ledger file opened on another thread while this one reads the
     * price table and goes on (the stdio server builds itself meanwhile); the first call waits.
     */
    TokenLedger openInBackground() {
        return openInBackground(db, prices, mixee == null ? null : mixee.commandLine().getErr());
    }

    /** As {@link #openInBackground()} for {@code --db} and {@code --prices} read without picocli (null: default). */
    static TokenLedger openInBackground(Path db, Path prices, PrintWriter err) {
        Path file = db != null ? db : defaultDb(System.getenv());
        ClaudeSession session = ClaudeSession.fromEnvironment(System.getenv());
        Database opening = Database.openInBackground(file);
        PriceTable table = priceTable(file, prices);
        warnWhenOld(table, err);
        return new TokenLedger(opening, table, Clock.systemUTC(), new EventDefaults(session.sessionId(), session.repo()));
    }
}
