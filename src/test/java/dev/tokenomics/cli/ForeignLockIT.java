package dev.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.ForeignWriteLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code record --batch} while another process holds the ledger's write lock: the batch lands
 * whole or not at all, whatever the lock does and whenever the process dies.
 */
class ForeignLockIT {
    static final int EVENTS = 1_000;

    @TempDir
    Path dir;

    private Path batch() throws Exception {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < EVENTS; i++) {
            json.append(i == 0 ? "" : ",").append("{\"input_tokens\":10,\"output_tokens\":5,\"model\":\"claude-haiku-4-5\","
                    + "\"task_id\":\"T").append(i % 7).append("\",\"record_key\":\"lock-").append(i).append("\"}");
        }
        Path f = dir.resolve("batch.json");
        Files.writeString(f, json.append("]").toString());
        return f;
    }

    private static Process record(Path db, Path batch, Path err) throws Exception {
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "record", "--batch", batch.toString(), "--db", db.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
    }

    private static long rows(Path db) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM token_events")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aBatchWaitsOutATwelveSecondLockAndLandsWhole() throws Exception {
        Path db = dir.resolve("held.db");
        ForeignWriteLock holder = ForeignWriteLock.take(db);
        Process p = record(db, batch(), dir.resolve("held.err"));
        Thread.sleep(12_000);
        assertTrue(p.isAlive(), "still waiting for the lock: " + Files.readString(dir.resolve("held.err")));
        assertEquals(0, rows(db));
        holder.close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("held.err")));
        assertEquals(EVENTS, rows(db));
    }

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void killedWhileWaitingOrCommittingLeavesNoneOrAll() throws Exception {
        Path batch = batch();
        // While waiting for the lock, then at moments around the release, when the batch is written.
        for (long killAfterReleaseMs : List.of(-1_000L, 0L, 150L, 400L, 900L)) {
            Path db = dir.resolve("kill" + killAfterReleaseMs + ".db");
            ForeignWriteLock holder = ForeignWriteLock.take(db);
            Process p = record(db, batch, dir.resolve("kill.err"));
            Thread.sleep(3_000);
            if (killAfterReleaseMs < 0) {
                p.destroyForcibly().waitFor();
                holder.close();
            } else {
                holder.close();
                Thread.sleep(killAfterReleaseMs);
                p.destroyForcibly().waitFor();
            }
            long n = rows(db);
            assertTrue(n == 0 || n == EVENTS, "killed " + killAfterReleaseMs + " ms after the release: " + n + " rows");
            if (killAfterReleaseMs < 0) {
                assertEquals(0, n, "killed while waiting: nothing written");
            }
            // A re-run finishes exactly: record keys make it idempotent.
            Process again = record(db, batch, dir.resolve("again.err"));
            assertTrue(again.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, again.exitValue(), Files.readString(dir.resolve("again.err")));
            assertEquals(EVENTS, rows(db));
        }
    }
}
