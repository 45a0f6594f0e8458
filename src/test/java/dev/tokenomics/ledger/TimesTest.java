package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written paths of Times read and write exactly what java.time does. */
class TimesTest {
    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void formatWritesWhatTheFormatterWrites() {
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(-30_000_000_000L, 250_000_000_000L),
                    random.nextInt(1_000_000_000));
            assertEquals(STORED.format(at), Times.format(at), at::toString);
        }
        assertEquals("2000-01-01T00:00:00.000Z", Times.format(Times.MIN));
        assertEquals("2026-11-22T10:15:30.129Z", Times.format(Instant.parse("2026-11-22T10:15:30.129999Z")));
    }

    @Test
    void parseReadsWhatOffsetDateTimeReads() {
        Random random = new Random(12);
        for (int i = 0; i < 20_000; i++) {
            Instant at = Instant.ofEpochSecond(random.nextLong(946_684_800L, 4_102_444_800L),
                    random.nextInt(4) == 0 ? 0 : random.nextInt(1_000_000_000));
            String text = at.toString();
            assertEquals(OffsetDateTime.parse(text).toInstant(), Times.parseInstant("ts", text), text);
        }
        for (String text : List.of("2026-11-22T10:15:30Z", "2026-11-22T10:15:30.1Z", "2026-11-22T10:15:30.123456789Z",
                "2028-02-29T23:59:59.5Z")) {
            assertEquals(OffsetDateTime.parse(text).toInstant(), Times.parseUtcFast(text), text);
        }
    }

    @Test
    void parseLeavesEveryOtherFormToOffsetDateTime() {
        for (String text : List.of("2026-11-22T12:15:30+02:00", "2026-11-22t10:15:30Z", "2026-11-22T10:15:30.Z",
                "2026-02-30T10:15:30Z", "2027-02-29T10:15:30Z", "2026-11-22T24:00:00Z", "2026-11-22T10:60:00Z",
                "2026-11-22T10:15:60Z", "2026-13-01T10:15:30Z", "2026-11-22T10:15:30.1234567890Z", "2026-1a-22T10:15:30Z")) {
            assertNull(Times.parseUtcFast(text), text);
        }
        assertEquals(Instant.parse("2026-11-22T10:15:30Z"), Times.parseInstant("ts", "2026-11-22T12:15:30+02:00"));
        assertThrows(IllegalArgumentException.class, () -> Times.parseInstant("ts", "2026-02-30T10:15:30Z"));
        assertThrows(IllegalArgumentException.class, () -> Times.parseInstant("ts", "2026-11-22T10:15:30"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Times.parseInstant("ts", "2101-01-01T00:00:00Z"));
        assertEquals(true, e.getMessage().startsWith("ts must be between"), e.getMessage());
    }
}
