package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report cuts its window by when work started, as the report skill defines: a 23:50 -> 00:20
 * record belongs to the day it started, in the hourly cells, over the events (a zone whose days do
 * not start on a whole UTC hour) and narrowed alike; a record without a start sits by its ts and is
 * counted.
 */
class WindowByStartTest {
    @TempDir
    Path dir;

    private static EventInput event(String key, String start, String ts, long input) {
        Instant from = start == null ? null : Instant.parse(start);
        Instant at = Instant.parse(ts);
        return new EventInput(key, at, from, from == null ? null : at,
                from == null ? null : at.toEpochMilli() - from.toEpochMilli(), null, "T", null, null, null,
                ReportFixture.HAIKU, "execute", null, "spawn", null, null, null, new Usage(input, 0, 0, 0, 0), null,
                true, Sources.SELF_REPORT, null, null);
    }

    private ReportData report(LocalDate day, ZoneId zone, List<String> sources) {
        try (TokenLedger ledger = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")))) {
            if (ledger.events().eventSpan() == null) {
                ledger.events().recordAll(List.of(
                        // started 23:50 on the 1st (UTC), ended 00:20 on the 2nd: the 1st's ($1 at haiku's $1/M)
                        event("late", "2026-11-01T23:50:00Z", "2026-11-02T00:20:00Z", 1_000_000),
                        // no start: placed by its ts, on the 2nd ($2)
                        event("plain", null, "2026-11-02T10:00:00Z", 2_000_000)));
            }
            return TokenomicsReport.run(ledger, new ReportRequest(day, day, zone, ReportRequest.DEFAULT_LIMIT, Set.of(),
                    null, null, null, sources));
        }
    }

    @Test
    void aRecordBelongsToTheDayItStartedInEveryPath() {
        LocalDate first = LocalDate.parse("2026-11-01");
        LocalDate second = LocalDate.parse("2026-11-02");
        for (List<String> sources : java.util.Arrays.asList(null, List.of(Sources.SELF_REPORT))) {
            ReportData one = report(first, ZoneOffset.UTC, sources);
            assertEquals(1, one.records(), "cells or narrowed: " + sources);
            assertEquals(1_000_000_000L, one.bucket().total().costNanos());
            assertEquals(0, one.coverage().unstarted());
            // the late record's 30-minute duration counts on the day it started
            assertEquals(1, one.latency().rows().stream().mapToLong(ReportData.LatencyRow::n).sum(),
                    one.latency().toString());
            assertEquals(1, one.concurrency().intervals());
            ReportData two = report(second, ZoneOffset.UTC, sources);
            assertEquals(1, two.records());
            assertEquals(2_000_000_000L, two.bucket().total().costNanos());
            assertEquals(1, two.coverage().unstarted(), "the record without a start is counted");
            assertEquals(0, two.concurrency().intervals());
        }
        // Asia/Kolkata's days start at 18:30 UTC: the events, not the cells. The late record started
        // 05:20 on the 2nd there, the plain one 15:30: both the 2nd's.
        ReportData kolkata = report(second, ZoneId.of("Asia/Kolkata"), null);
        assertEquals(2, kolkata.records());
        assertEquals(3_000_000_000L, kolkata.bucket().total().costNanos());
        assertEquals(1, kolkata.coverage().unstarted());
        assertTrue(ReportText.render(kolkata).contains("records in the window by start"), ReportText.render(kolkata));
        assertEquals(0, report(first, ZoneId.of("Asia/Kolkata"), null).records());
    }

    @Test
    void startedOnlyLeavesOutTheRecordsWithoutAStartAndCountsThem() {
        LocalDate second = LocalDate.parse("2026-11-02");
        report(second, ZoneOffset.UTC, null); // builds the ledger
        ReportData strict;
        try (TokenLedger ledger = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")))) {
            strict = TokenomicsReport.run(ledger, new ReportRequest(LocalDate.parse("2026-11-01"), second,
                    ZoneOffset.UTC, ReportRequest.DEFAULT_LIMIT, Set.of(), null, null, null, null, null, null, true));
        }
        assertEquals(1, strict.records(), "only the late record has a start");
        assertEquals(1_000_000_000L, strict.bucket().total().costNanos());
        assertTrue(strict.caveats().stream().anyMatch(c -> c.startsWith("Lower bound: 1 record(s) in the window have "
                + "no ts_start and are left out")), strict.caveats().toString());
    }
}
