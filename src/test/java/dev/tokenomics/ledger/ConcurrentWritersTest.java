package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Many processes, one ledger (a file, or a PostgreSQL database): every write of every process must land. */
class ConcurrentWritersTest {
    static final int PROCESSES = 4;
    static final int THREADS = 3;
    static final int EVENTS_PER_THREAD = 150;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void everyProcessWritingAtOnceLandsEveryRow() throws Exception {
        String db = TestLedgers.dbArg(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", classpath, WriterProcess.class.getName(),
                    db, "p" + p, String.valueOf(THREADS), String.valueOf(EVENTS_PER_THREAD));
            pb.redirectError(dir.resolve("p" + p + ".err").toFile());
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            processes.add(pb.start());
        }
        for (int p = 0; p < PROCESSES; p++) {
            Process proc = processes.get(p);
            if (!proc.waitFor(170, TimeUnit.SECONDS)) {
                proc.destroyForcibly();
            }
            File err = dir.resolve("p" + p + ".err").toFile();
            assertEquals(0, proc.exitValue(), "failed writes in p" + p + ": "
                    + Files.readString(err.toPath()));
        }
        try (Database shared = Database.open(LedgerLocation.parse(db))) {
            long events = shared.read("count", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*), COUNT(DISTINCT record_key) FROM token_events")) {
                    rs.next();
                    assertEquals(rs.getLong(1), rs.getLong(2));
                    return rs.getLong(1);
                }
            });
            assertEquals(PROCESSES * THREADS * EVENTS_PER_THREAD, events);
            long history = shared.read("count", c -> {
                try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM task_status_history WHERE event_id IS NOT NULL")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            assertEquals(PROCESSES * THREADS * (EVENTS_PER_THREAD / 10), history);
        }
    }
}
