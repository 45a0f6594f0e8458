package dev.tokenomics.bench;

import dev.tokenomics.cli.Main;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchDashboardCliTest {
    @TempDir
    Path dir;

    @Test
    void benchDashboardTimesTheApiItsBaselineAndThePage() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"bench", "dashboard", "--events", "3000", "--days", "20", "--window", "30",
                "--runs", "1", "--db", dir.resolve("bench.db").toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        String text = out.toString();
        assertEquals(0, code, err.toString());
        assertTrue(text.contains("Generating 3,000 events over 20 days"), text);
        assertTrue(text.contains("/api/dashboard, last 30 days") && text.contains("(target <= 300 ms)"), text);
        assertTrue(text.contains("-> dashboard/baseline = "), text);
        if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
            assertTrue(text.matches("(?s).*drawn, from navigation start +\\d+ ms \\(target <= 1000 ms\\).*"), text);
        } else {
            assertTrue(text.contains("page: no /usr/bin/chromium"), text);
        }
    }
}
