package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.ledger.SettableClock;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.Usage;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Per-stage model right-sizing: each stage's tokens repriced as the cheapest tier, an estimate
 * beside the real cost; stages already there save nothing, unpriced models are named, not priced.
 */
class RightSizingTest {
    private static final String OPUS = "claude-opus-4-5";

    @TempDir
    Path dir;

    @Test
    void eachStageIsRepricedAsTheCheapestTierLargestSavingFirst() {
        ReportData d;
        try (TokenLedger ledger = ReportFixture.open(dir, new SettableClock(ReportFixture.t("11-22T10:00")))) {
            ledger.events().recordAll(List.of(
                    // plan on opus: 1M in x $5/M + 1M out x $25/M = $30; as haiku $1 + $5 = $6: saves $24
                    ReportFixture.event("p", "11-01T10:00", null, null, "T1", null, null, "plan", "inline", null, OPUS,
                            new Usage(1_000_000, 1_000_000, 0, 0, 0), true, null),
                    // verify on opus: 1M in = $5; as haiku $1: saves $4
                    ReportFixture.event("v", "11-01T11:00", null, null, "T1", null, null, "verify", "inline", null, OPUS,
                            new Usage(1_000_000, 0, 0, 0, 0), true, null),
                    // execute already on haiku: nothing to save, not listed
                    ReportFixture.event("e", "11-01T12:00", null, null, "T1", null, null, "execute", "inline", null,
                            ReportFixture.HAIKU, new Usage(1_000_000, 0, 0, 0, 0), true, null),
                    // an unpriced model cannot be repriced: named, left out
                    ReportFixture.event("m", "11-01T13:00", null, null, "T1", null, null, "review", "inline", null,
                            "mystery-model", new Usage(1_000_000, 0, 0, 0, 0), true, null)));
            d = TokenomicsReport.run(ledger, ReportRequest.of(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-01"),
                    ZoneOffset.UTC));
        }
        RightSizing r = d.rightSizing();
        assertEquals(ReportFixture.HAIKU, r.targetModel());
        assertEquals(List.of("plan", "verify"), r.rows().stream().map(RightSizing.Row::stage).toList());
        assertEquals(30_000_000_000L, r.rows().get(0).costNanos());
        assertEquals(6_000_000_000L, r.rows().get(0).asTargetNanos());
        assertEquals(24_000_000_000L, r.rows().get(0).savingNanos());
        assertEquals(4_000_000_000L, r.rows().get(1).savingNanos());
        assertEquals(List.of(OPUS), r.rows().get(0).models());
        assertEquals(List.of("mystery-model"), r.unpricedModels());

        Map<String, Object> json = dev.tokenomics.json.ResultJson.toMap(ReportJson.of(d));
        @SuppressWarnings("unchecked")
        Map<String, Object> block = (Map<String, Object>) json.get("right_sizing");
        assertEquals(Boolean.TRUE, block.get("estimate"));
        @SuppressWarnings("unchecked")
        Map<String, Object> plan = ((List<Map<String, Object>>) block.get("rows")).get(0);
        assertEquals(0, new BigDecimal(plan.get("saving_usd").toString()).compareTo(BigDecimal.valueOf(24)), plan.toString());

        String text = ReportText.render(d);
        assertTrue(text.contains("Right-sizing (estimate, same tokens at claude-haiku-4-5's list rates")
                && text.contains("plan $30.00 → $6.00"), text);
    }

    @Test
    void aWindowAlreadyOnTheCheapestTierHasNoRightSizingLine() {
        ReportData d;
        try (TokenLedger ledger = ReportFixture.build(dir)) {
            d = TokenomicsReport.run(ledger, ReportRequest.of(LocalDate.parse("2026-11-01"),
                    LocalDate.parse("2026-11-03"), ZoneOffset.UTC));
        }
        assertTrue(d.rightSizing().rows().isEmpty(), d.rightSizing().toString());
        assertNull(ClosingReads.rightSizing(d));
        assertTrue(!ReportText.render(d).contains("Right-sizing"));
    }
}
