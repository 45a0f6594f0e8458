package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.simple;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static dev.tokenomics.transcripts.TranscriptImportTest.sql;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The 8-bytes-at-a-time search for {@code "usage"}: the same answer as a byte-by-byte search, everywhere. */
class ByteScanTest {
    @TempDir
    Path dir;

    private static int scan(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return ByteScan.indexOfUsage(b, 0, b.length);
    }

    /** The plain search it replaces, as the reference. */
    private static int naive(byte[] d, int from, int to) {
        byte[] k = "\"usage\"".getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = from; i + k.length <= to; i++) {
            for (int j = 0; j < k.length; j++) {
                if (d[i + j] != k[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void findsTheKeyAtEveryAlignmentOfTheWord() {
        for (int pad = 0; pad < 24; pad++) {
            String text = "x".repeat(pad) + "\"usage\"" + "y".repeat(pad % 5);
            assertEquals(pad, scan(text), "after " + pad + " bytes");
        }
    }

    @Test
    void findsTheKeyWholeAtTheVeryStartAndEndOfTheRange() {
        assertEquals(0, scan("\"usage\""));
        assertEquals(0, scan("\"usage\":{}"));
        assertEquals(9, scan("{\"a\":1,\" \"usage\""));
        assertEquals(-1, scan("\"usage"));
        assertEquals(-1, scan("usage\""));
        assertEquals(-1, scan(""));
        assertEquals(-1, scan("\"usag"));
    }

    @Test
    void aKeyThatCrossesTheRangeEdgeIsNotFound() {
        byte[] b = "aaaaaaaaaaaa\"usage\"bbbbbbbbbbbb".getBytes(StandardCharsets.US_ASCII);
        assertEquals(12, ByteScan.indexOfUsage(b, 0, b.length));
        assertEquals(12, ByteScan.indexOfUsage(b, 12, 19));
        assertEquals(-1, ByteScan.indexOfUsage(b, 13, b.length), "its opening quote is before the range");
        assertEquals(-1, ByteScan.indexOfUsage(b, 0, 18), "its closing quote is past the range");
        assertThrows(IndexOutOfBoundsException.class, () -> ByteScan.indexOfUsage(b, 0, b.length + 1));
    }

    @Test
    void escapedQuotesAndNearMissesAreNotTheKey() {
        assertEquals(-1, scan("{\"text\":\"the \\\"usage\\\" field\"}"), "quotes escaped inside a string");
        assertEquals(-1, scan("{\"usages\":1,\"Usage\":2,\"usagе\":3}"), "another key, a capital, a Cyrillic e");
        assertEquals(-1, scan("gggggggggggggggggggggggggggggggggg\"usag\"e\""));
        assertEquals(30, scan("ggggggggggggggggggggggggggg\"us\"usage\""), "many g before it");
        assertEquals(6, scan("\u00e9\u00e9\u00e9\"usage\""), "after bytes above 0x7f");
    }

    @Test
    void agreesWithTheByteByByteSearchOnRandomText() {
        Random r = new Random(11);
        byte[] alphabet = "\"usage\\ {}:,g\u00e9".getBytes(StandardCharsets.UTF_8);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = alphabet[r.nextInt(alphabet.length)];
            }
            if (b.length >= 7 && r.nextInt(3) == 0) {
                System.arraycopy("\"usage\"".getBytes(StandardCharsets.US_ASCII), 0, b, r.nextInt(b.length - 6), 7);
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int to = from + r.nextInt(b.length - from + 1);
            assertEquals(naive(b, from, to), ByteScan.indexOfUsage(b, from, to), "round " + round);
        }
    }

    @Test
    void findsTheFirstNewlineAtEveryAlignment() {
        for (int pad = 0; pad < 24; pad++) {
            byte[] b = ("x".repeat(pad) + "\n" + "y\n".repeat(pad % 3)).getBytes(StandardCharsets.US_ASCII);
            assertEquals(pad, ByteScan.indexOfNewline(b, 0, b.length), "after " + pad + " bytes");
            assertEquals(-1, ByteScan.indexOfNewline(b, 0, pad), "before it");
        }
        byte[] b = "\u00e9\u00e9\u00e9\u00e9\u00e9\n\n".getBytes(StandardCharsets.UTF_8); // bytes above 0x7f first
        assertEquals(10, ByteScan.indexOfNewline(b, 0, b.length));
        assertEquals(11, ByteScan.indexOfNewline(b, 11, b.length));
        assertEquals(-1, ByteScan.indexOfNewline(b, 12, b.length));
    }

    @Test
    void newlineSearchAgreesWithALoopOnRandomBytes() {
        Random r = new Random(12);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[r.nextInt(40)];
            r.nextBytes(b);
            for (int i = 0; i < b.length; i++) {
                if (b[i] == '\n' && r.nextBoolean()) {
                    b[i] = 11; // fewer newlines than one in 256 leaves long runs without one
                }
            }
            int from = b.length == 0 ? 0 : r.nextInt(b.length);
            int to = from + r.nextInt(b.length - from + 1);
            int expected = -1;
            for (int i = from; i < to; i++) {
                if (b[i] == '\n') {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, ByteScan.indexOfNewline(b, from, to), "round " + round);
        }
    }

    @Test
    void aResponseWhoseUsageKeyStraddlesAChunkEdgeIsImportedOnce() throws Exception {
        Path file = dir.resolve("claude").resolve("projects").resolve("-p").resolve("s1.jsonl");
        String first = simple("msg_1", "req_1", "s1", "2026-11-20T10:00:00.000Z", 11, 1);
        String second = simple("msg_2", "req_2", "s1", "2026-11-20T10:01:00.000Z", 22, 2);
        write(file, first, second);
        // The first chunk ends inside the second line's "usage": that line is read again, whole, with the next.
        int edge = first.getBytes(StandardCharsets.UTF_8).length + 1 + second.indexOf("\"usage\"") + 3;
        assertTrue(edge < Files.size(file));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ImportSummary s = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE, edge)
                    .run(List.of(dir.resolve("claude")));
            assertEquals(2, s.added());
            assertEquals(0, s.malformed());
            assertEquals("2|33", sql(ledger, "SELECT COUNT(*) || '|' || SUM(input_tokens) FROM token_events"));
        }
    }
}
