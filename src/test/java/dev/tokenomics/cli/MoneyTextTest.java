package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.Money;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Money in text follows one rule: whole cents from $1, four significant digits below, totals
 * from the exact amounts; so parts visibly add up to their total.
 */
class MoneyTextTest {
    @TempDir
    Path dir;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withDb = new String[args.length + 2];
        System.arraycopy(args, 0, withDb, 0, args.length);
        withDb[args.length] = "--db";
        withDb[args.length + 1] = dir.resolve("ledger.db").toString();
        assertEquals(0, Main.run(withDb, new PrintWriter(out, true), new PrintWriter(err, true)), err.toString());
        return out.toString();
    }

    @Test
    void partsUnderADollarAddUpToTheirTotalInTheSummary() {
        // claude-haiku-4-5 input is $1/M: 15,000 tokens are $0.015 each, $0.03 together.
        run("record", "--task-id", "T1", "--agent", "a", "--model", "claude-haiku-4-5", "--tokens-in", "15000");
        run("record", "--task-id", "T1", "--agent", "b", "--model", "claude-haiku-4-5", "--tokens-in", "15000");
        String summary = run("summary", "task", "T1");
        assertTrue(summary.matches("(?s).*\\ba +1 +15,000 .*\\$0\\.015\\b.*"), summary);
        assertTrue(summary.matches("(?s).*\\bb +1 +15,000 .*\\$0\\.015\\b.*"), summary);
        assertTrue(summary.matches("(?s).*TOTAL +2 +30,000 .*\\$0\\.03\\b.*"), summary);
        assertTrue(!summary.contains("$0.02"), "no part rounded to a cent that does not add up: " + summary);
    }

    @Test
    void theRule() {
        assertEquals("$0.00", Money.display(0));
        assertEquals("$0.015", Money.display(15_000_000));
        assertEquals("$0.03", Money.display(30_000_000));
        assertEquals("$0.50", Money.display(500_000_000));
        assertEquals("$0.1325", Money.display(132_460_000)); // four significant digits
        assertEquals("$0.1324", Money.display(132_450_000)); // half-even
        assertEquals("$0.0052", Money.display(5_200_000));
        assertEquals("$0.000001", Money.display(1_000));
        assertEquals("$0.9999", Money.display(999_900_000));
        assertEquals("$1.00", Money.display(999_990_000)); // rounds up to a dollar: then cents
        assertEquals("$1.07", Money.display(1_067_500_000));
        assertEquals("$1,234.57", Money.display(1_234_567_890_000L));
        assertEquals("-$0.015", Money.display(-15_000_000));
        assertEquals("-$1.50", Money.display(-1_500_000_000L));
    }
}
