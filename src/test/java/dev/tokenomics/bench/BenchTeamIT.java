package dev.tokenomics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** `bench team` at a small size, through the jar: every figure it prints is there and the books balance. */
class BenchTeamIT {
    @Test
    void theTeamBenchSyncsKillsAndComparesAtASmallSize() {
        if (ScratchPostgres.findBinaries() == null) {
            String why = "bench team needs PostgreSQL's initdb/pg_ctl (Debian's postgresql package)";
            if (System.getenv("CI") != null || System.getenv("TOKENOMICS_REQUIRE_POSTGRES") != null) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "team", "--machines", "3", "--events", "400", "--ingest", "500",
                "--report-events", "3000"}, new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out.toString();
        assertEquals(0, code, text + err);
        assertTrue(text.contains("on the hub 1,200 of 1,200 (exact)"), text);
        assertTrue(text.contains("equal their local ledger's: 3 of 3"), text);
        assertTrue(text.contains("a second sync of all 3 pushed 0 events; the hub holds 1,200"), text);
        assertTrue(text.contains("the hub holds 4,000 with exact totals"), text);
        Matcher killed = Pattern.compile("killed with ([\\d,]+) of 4,000").matcher(text);
        assertTrue(killed.find(), text);
        long atKill = Long.parseLong(killed.group(1).replace(",", ""));
        assertTrue(atKill > 0 && atKill < 4_000, "killed mid-way: " + atKill);
        assertTrue(text.contains("-> ours/floor = ") && text.contains("(target >= 50%)"), text);
        assertTrue(text.contains("-> PostgreSQL/SQLite = "), text);
    }
}
