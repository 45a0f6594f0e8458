package dev.tokenomics.cli;

import dev.tokenomics.ledger.EventDefaults;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import dev.tokenomics.transcripts.ClaudeSession;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** --db and --prices, shared by every command that opens the ledger. */
final class LedgerOptions {
    @Option(names = "--db", paramLabel = "PATH",
            description = "Ledger file. Default: env TOKENOMICS_DB, else ~/.tokenomics/ledger.db (folder created; ~ is $HOME).")
    Path db;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "Extra or overriding model prices, in LiteLLM's model_prices_and_context_window.json "
                    + "format. Default: env TOKENOMICS_PRICES, else only the bundled table.")
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

    PriceTable priceTable() {
        return priceTable(prices);
    }

    /** The bundled table with {@code file} (else env TOKENOMICS_PRICES) on top, if any. */
    static PriceTable priceTable(Path file) {
        if (file == null) {
            String fromEnv = System.getenv("TOKENOMICS_PRICES");
            file = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
        }
        return PriceTable.load(file);
    }

    /** Opens the ledger; events default to the Claude Code session in the environment, if any. */
    TokenLedger open() {
        ClaudeSession session = ClaudeSession.fromEnvironment(System.getenv());
        return TokenLedger.open(dbPath(), priceTable(), new EventDefaults(session.sessionId(), session.repo()));
    }
}
