package dev.tokenomics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `bench health` at a small size, through ./tokenomics as a user runs it, and its temp ledger gone after. */
class BenchHealthIT {
    @TempDir
    Path dir;

    @Test
    void benchHealthTimesTheGateBesideSqlite3AndTheFiguresAgree() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "health", "--events", "3000", "--days", "10", "--runs", "1",
                "--window", "7d", "--window", "24h", "--db", dir.resolve("bench.db").toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out.toString();
        assertEquals(0, code, text + err);
        assertTrue(text.contains("Generating 3,000 events over 10 days"), text);
        assertTrue(text.contains("./tokenomics health --window 7d: median "), text);
        assertTrue(text.contains("./tokenomics health --window 1d: median "), text);
        if (text.contains("sqlite3 not found")) {
            return;
        }
        assertTrue(text.contains("-> health/sqlite3 = "), text);
        assertFalse(text.contains("DIFFER"), text);
        assertTrue(text.contains("(agree)"), text);
        assertTrue(text.contains("Target health <= 1000 ms: met for "), text);
    }

    @Test
    void withoutDbTheTemporaryLedgerIsDeletedAfterwards() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = leftovers(tmp);
        int code = Main.run(new String[] {"bench", "health", "--events", "500", "--days", "3", "--runs", "1"},
                new PrintWriter(new StringWriter(), true), new PrintWriter(new StringWriter(), true));
        assertEquals(0, code);
        assertEquals(before, leftovers(tmp), "no tokenomics-bench-health* folder left in " + tmp);
    }

    private static long leftovers(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("tokenomics-bench-health")).count();
        }
    }
}
