package dev.tokenomics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * `bench report` at a small size: the in-process figure, and the same report through ./tokenomics as
 * a user runs it (the bench fails when that process answers a different report), and no temp ledger left.
 */
class BenchReportIT {
    private static final Pattern WHOLE = Pattern.compile(
            "as a user runs it, \\./tokenomics report \\(a new JVM each run\\): median (\\d+) ms of 1 \\(target < 1000 ms: "
                    + "(met|NOT met)\\); \\./tokenomics --version (\\d+) ms");

    @Test
    void benchReportTimesTheWholeProcessBesideTheInProcessRunAndTheJvmStart() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = leftovers(tmp);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "report", "--events", "2000", "--days", "5", "--runs", "1"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        String text = out.toString();
        assertEquals(0, code, text + err);
        assertTrue(text.contains("Report over "), text);
        Matcher m = WHOLE.matcher(text);
        assertTrue(m.find(), text);
        long whole = Long.parseLong(m.group(1));
        long jvm = Long.parseLong(m.group(3));
        assertTrue(whole > jvm, "a report that opens a ledger cannot beat the bare JVM start: " + m.group());
        assertEquals(whole < 1000 ? "met" : "NOT met", m.group(2), m.group());
        if (!text.contains("sqlite3 not found")) {
            assertTrue(text.contains("whole process against the report's own statements: "), text);
        }
        assertEquals(before, leftovers(tmp), "no tokenomics-bench-report* folder left in " + tmp);
    }

    private static long leftovers(Path tmp) throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith("tokenomics-bench-report")).count();
        }
    }
}
