package dev.tokenomics.transcripts;

import static dev.tokenomics.transcripts.TranscriptFixtures.simple;
import static dev.tokenomics.transcripts.TranscriptFixtures.write;
import static dev.tokenomics.transcripts.TranscriptImportTest.sql;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.LedgerTestSupport;
import dev.tokenomics.ledger.TokenLedger;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte scan that skips lines without usage before any JSON parse, and the streaming read of
 * the lines that have it: a response written in an unusual order or spacing still counts, text
 * that merely mentions usage does not, and what the sessions table needs still lands there.
 */
class LineScanTest {
    static final String P = "-home-dev-src-app";

    @TempDir
    Path dir;

    private Path claude() {
        return dir.resolve("claude");
    }

    private static TranscriptLine parse(String line) {
        byte[] b = ("  " + line + " \r").getBytes(StandardCharsets.UTF_8); // ends trimmed as by the text path
        return TranscriptParser.parse(b, 0, b.length);
    }

    @Test
    void usageFirstSpacedAndAfterTheFieldsItNeedsStillCounts() {
        String line = """
                { "message" : { "usage" : { "output_tokens" : 7 , "cache_creation" : { "ephemeral_1h_input_tokens" : 30 },
                 "input_tokens":5,"cache_creation_input_tokens":40,"cache_read_input_tokens":9},
                 "model":"claude-sonnet-4-5","id":"msg_X"},"timestamp":"2026-11-20T10:00:00Z","cwd":"/w/app",
                 "gitBranch":"dev","version":"2.1.0","requestId":"req_X","isSidechain":false,"sessionId":"s9"}"""
                .replace("\n", "");
        TranscriptLine l = parse(line);
        assertEquals(TranscriptLine.Kind.RESPONSE, l.kind(), String.valueOf(l.reason()));
        assertEquals("msg_X", l.messageId());
        assertEquals("req_X", l.requestId());
        assertEquals("s9", l.sessionId());
        assertEquals("/w/app", l.cwd());
        assertEquals("dev", l.gitBranch());
        assertEquals("2.1.0", l.version());
        assertEquals(Instant.parse("2026-11-20T10:00:00Z"), l.ts());
        // 40 written: 30 for 1h by the split, the rest (10) stays 5m
        assertArrayEquals(new long[] {5, 7, 10, 30, 9}, new long[] {l.usage().inputTokens(), l.usage().outputTokens(),
                l.usage().cacheWrite5mTokens(), l.usage().cacheWrite1hTokens(), l.usage().cacheReadTokens()});
    }

    @Test
    void aKeyGivenTwiceKeepsItsLastValueAsATreeWould() {
        TranscriptLine l = parse("{\"message\":{\"model\":\"a\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2,"
                + "\"cache_read_input_tokens\":99},\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":3,"
                + "\"output_tokens\":4}},\"timestamp\":\"2026-11-20T10:00:00.5Z\"}");
        assertEquals(TranscriptLine.Kind.RESPONSE, l.kind(), String.valueOf(l.reason()));
        assertEquals("claude-haiku-4-5", l.model());
        assertEquals(3, l.usage().inputTokens());
        assertEquals(0, l.usage().cacheReadTokens(), "the second usage object replaces the first whole");
    }

    @Test
    void textThatMentionsUsageIsNotAResponseAndNotMalformed() {
        // inside a JSON string the quotes are escaped, so the scan does not even parse it
        assertEquals(TranscriptLine.Kind.OTHER, parse("{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":"
                + "\"print the \\\"usage\\\": {\\\"input_tokens\\\": 1}\"}}").kind());
        // a tool result's own usage object (a subagent's Task result) is not a response of this line
        assertEquals(TranscriptLine.Kind.OTHER, parse("{\"type\":\"user\",\"message\":{\"role\":\"user\"},"
                + "\"toolUseResult\":{\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}").kind());
    }

    @Test
    void badFieldsAreNamedWithTheirValueAsWritten() {
        assertEquals("usage.output_tokens must be a whole number >= 0, got \"ten\"",
                parse(simple("m", "r", "s", "2026-11-20T10:00:00Z", 1, 1).replace("\"output_tokens\":1",
                        "\"output_tokens\":\"ten\"")).reason());
        assertEquals("usage.input_tokens must be a whole number >= 0, got 1.5",
                parse(simple("m", "r", "s", "2026-11-20T10:00:00Z", 1, 1).replace("\"input_tokens\":1",
                        "\"input_tokens\":1.5")).reason());
        assertEquals("usage.input_tokens must be a whole number >= 0, got -3",
                parse(simple("m", "r", "s", "2026-11-20T10:00:00Z", 1, 1).replace("\"input_tokens\":1",
                        "\"input_tokens\":-3")).reason());
        assertEquals("message.usage must be an object, got [1]", parse(
                "{\"message\":{\"model\":\"m\",\"usage\":[1]},\"timestamp\":\"2026-11-20T10:00:00Z\"}").reason());
        assertEquals("cwd must be a string, got {\"a\":1}",
                parse(simple("m", "r", "s", "2026-11-20T10:00:00Z", 1, 1).replace("\"cwd\":\"/home/dev/src/app\"",
                        "\"cwd\":{\"a\":1}")).reason());
        assertEquals("costUSD must be a number >= 0, got -0.5",
                parse(simple("m", "r", "s", "2026-11-20T10:00:00Z", 1, 1).replace("{\"parentUuid\"",
                        "{\"costUSD\":-0.5,\"parentUuid\"")).reason());
        assertEquals("timestamp must be an ISO-8601 time, got '2026-02-30T10:00:00Z'",
                parse(simple("m", "r", "s", "2026-02-30T10:00:00Z", 1, 1)).reason());
        assertEquals("bad JSON: Trailing token", parse("{\"message\":{\"usage\":{}}}{\"a\":1}").reason());
        assertTrue(parse("{\"message\":{\"usage\":{\"input_tokens\":1,}}}").reason().startsWith("bad JSON: "));
    }

    @Test
    void aStrayByteThatIsNotUtf8StillCountsTheResponse() throws Exception {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        String ok = simple("msg_U", "req_U", "s1", "2026-11-20T10:00:00.000Z", 11, 2);
        int cut = ok.indexOf("\"ok\"") + 2;
        line.write(ok.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        line.write(0xff); // not UTF-8: read as U+FFFD inside the text, as the text path always did
        line.write(ok.substring(cut).getBytes(StandardCharsets.UTF_8));
        byte[] b = line.toByteArray();
        TranscriptLine l = TranscriptParser.parse(b, 0, b.length);
        assertEquals(TranscriptLine.Kind.RESPONSE, l.kind(), String.valueOf(l.reason()));
        assertEquals(11, l.usage().inputTokens());
    }

    @Test
    void theTimestampFastPathAgreesWithInstantParse() {
        for (String t : List.of("2026-11-20T10:15:30Z", "2026-11-20T10:15:30.1Z", "2026-11-20T10:15:30.123Z",
                "2026-11-20T10:15:30.123456789Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.5Z")) {
            assertEquals(Instant.parse(t), Timestamps.fast(t), t);
        }
        // left to Instant.parse: a leap second, an offset, too many digits, a bad date
        for (String t : List.of("2026-12-31T23:59:60Z", "2026-11-20T10:15:30+01:00", "2026-11-20T10:15:30.1234567890Z",
                "2026-02-30T10:00:00Z", "2026-11-20T24:00:00Z", "2026-11-20 10:15:30Z", "2026-11-20T10:15:30.Z")) {
            assertNull(Timestamps.fast(t), t);
        }
        assertEquals(Instant.parse("2026-12-31T23:59:60Z"), Timestamps.parse("2026-12-31T23:59:60Z"));
    }

    @Test
    void anImportOfUnusualLinesCountsTheResponsesAndKeepsTheSessionsWhere() throws Exception {
        Path file = claude().resolve("projects").resolve(P).resolve("s1.jsonl");
        String spaced = """
                {"message": {"usage": {"output_tokens": 20, "input_tokens": 200}, "id": "msg_B", "model": \
                "claude-sonnet-4-5"}, "timestamp": "2026-11-20T10:01:00.000Z", "requestId": "req_2", \
                "sessionId": "s1", "type" : "assistant", "cwd": "/home/dev/src/app", "gitBranch": "feature/x", \
                "version": "2.1.171"}""";
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                TranscriptFixtures.user("s1", "2026-11-20T09:59:00.000Z"),
                simple("msg_A", "req_1", "s1", "2026-11-20T10:00:00.000Z", 100, 10) + "\r", // CRLF
                spaced,
                "   ",
                "{\"type\":\"summary\",\"summary\":\"what \\\"usage\\\" means\",\"leafUuid\":\"x\"}")
                + "\n");
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ImportSummary s = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude()));
            assertEquals(2, s.added(), s.toString());
            assertEquals(0, s.malformed(), s.malformedSamples().toString());
            assertEquals(5, s.lines());
            assertEquals("300|30", sql(ledger, "SELECT SUM(input_tokens) || '|' || SUM(output_tokens) FROM token_events"));
            // the later line's branch and version, wherever in the line they were written
            assertArrayEquals(new String[] {P, "/home/dev/src/app", "feature/x", "2.1.171"},
                    ledger.reports().transcriptSessions().get("s1"));
        }
    }

    @Test
    void aBlankOrSpaceOnlyLineIsNeitherCountedNorMalformed() throws Exception {
        write(claude().resolve("projects").resolve(P).resolve("s1.jsonl"),
                "\t ", "\u2028", simple("msg_A", "req_1", "s1", "2026-11-20T10:00:00.000Z", 1, 1));
        try (TokenLedger ledger = LedgerTestSupport.open(dir)) {
            ImportSummary s = new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE).run(List.of(claude()));
            assertEquals(0, s.malformed(), s.malformedSamples().toString());
            assertEquals(3, s.lines());
            assertEquals(1, s.added());
        }
    }
}
