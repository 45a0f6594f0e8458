package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.simple;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static dev.tokenomics.transcripts.TranscriptImportTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hand-off between the reading thread and the committing one: bounded, ordered, and stopped on failure. */
class ImportHandOffTest {
    @TempDir
    Path dir;

    private Path claude() {
        return dir.resolve("claude");
    }

    private void files(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            write(claude().resolve("projects").resolve("-p").resolve(String.format("s%02d.jsonl", i)),
                    simple("msg_" + i, "req_" + i, "s" + i, "2026-11-20T10:00:00.000Z", 1 + i, 1));
        }
    }

    private static boolean readerAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("tokenomics-import-reader") && t.isAlive());
    }

    @Test
    void theReaderStaysAFewChunksAheadOfTheCommits() throws Exception {
        files(20);
        AtomicInteger opened = new AtomicInteger();
        int[] lead = {0};
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            TranscriptImporter.Progress watch = (done, files, bytes, lines) -> {
                lead[0] = Math.max(lead[0], (int) (opened.get() - done));
                try {
                    Thread.sleep(5); // a slow commit: the reader would run to the end if nothing held it
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            };
            ImportSummary s = new TranscriptImporter(ledger, watch, TranscriptImporter.CHUNK_BYTES,
                    p -> opened.incrementAndGet()).run(List.of(claude()));
            assertEquals(20, s.added());
            assertTrue(lead[0] <= 3, "the reader opened " + lead[0] + " files ahead of the commits");
        }
    }

    @Test
    void smallFilesCommitInGroupsAndAnImportStoppedBetweenThemResumesExactly() throws Exception {
        int n = TranscriptImporter.GROUP_FILES * 3 + 5;
        files(n);
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            List<Long> reports = new ArrayList<>();
            TranscriptImporter.Progress killer = (done, files, bytes, lines) -> {
                reports.add(done);
                if (reports.size() == 2) {
                    throw new IllegalStateException("killed");
                }
            };
            assertThrows(IllegalStateException.class, () -> new TranscriptImporter(ledger, killer).run(List.of(claude())));
            long kept = Long.parseLong(sql(ledger, "SELECT COUNT(*) FROM token_events"));
            assertEquals(List.of((long) TranscriptImporter.GROUP_FILES, 2L * TranscriptImporter.GROUP_FILES), reports,
                    "a report per group of files, after its commit");
            assertEquals(2L * TranscriptImporter.GROUP_FILES, kept, "two whole groups, one transaction each");
            ImportSummary again = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude()));
            assertEquals(n - kept, again.added());
            assertEquals(kept, again.filesUnchanged());
            assertEquals(String.valueOf(n), sql(ledger, "SELECT COUNT(*) FROM token_events"));
        }
    }

    @Test
    void aReaderFailureStopsTheImportAndKeepsWhatWasCommitted() throws Exception {
        files(6);
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TranscriptImporter(ledger,
                    TranscriptImporter.Progress.NONE, TranscriptImporter.CHUNK_BYTES, p -> {
                        if (p.endsWith("s03.jsonl")) {
                            throw new IllegalStateException("broken at s03");
                        }
                    }).run(List.of(claude())));
            assertEquals("broken at s03", e.getMessage());
            assertEquals("3", sql(ledger, "SELECT COUNT(*) FROM token_events"), "s00 to s02, in file order");
            assertFalse(readerAlive());
            ImportSummary again = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude()));
            assertEquals(3, again.added());
            assertEquals(3, again.filesUnchanged());
        }
    }

    @Test
    void aCommitFailureStopsTheReader() throws Exception {
        files(30);
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            TranscriptImporter.Progress killer = (done, files, bytes, lines) -> {
                throw new IllegalStateException("killed");
            };
            assertThrows(IllegalStateException.class,
                    () -> new TranscriptImporter(ledger, killer, TranscriptImporter.CHUNK_BYTES)
                            .run(List.of(claude()))); // each file's chunk committed alone
            assertFalse(readerAlive(), "the reader thread outlived its import");
            assertEquals("1", sql(ledger, "SELECT COUNT(*) FROM token_events"));
        }
    }
}
