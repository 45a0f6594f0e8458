package dev.tokenomics.ledger;

import dev.tokenomics.pricing.PriceTable;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** What the importers write and resume from: transcript, agent-log and OTLP batches and their cursors. Each public method is one transaction or one consistent read. */
public final class LedgerImports {
    private final TokenLedger ledger;
    private final Database db;
    private final PriceTable prices;
    private final Clock clock;

    LedgerImports(TokenLedger ledger) {
        this.ledger = ledger;
        this.db = ledger.database();
        this.prices = ledger.prices();
        this.clock = ledger.clock();
    }

    /** The stored cursor of a transcript file, or null when it was never imported. */
    public TranscriptCursor transcriptCursor(String path) {
        return db.read("read transcript cursor", c -> TranscriptStore.cursor(c, path));
    }

    /** Every stored transcript cursor, by path. */
    public Map<String, TranscriptCursor> transcriptCursors() {
        return db.read("read transcript cursors", TranscriptStore::cursors);
    }

    /** One file's new responses, sessions and cursor, in one transaction: all or nothing. */
    public TranscriptBatch.Outcome importTranscript(TranscriptBatch batch) {
        return importTranscripts(List.of(batch));
    }

    /**
     * Batches of one or more files, in order, in one transaction: all or nothing. An import commits
     * several files at once because each commit costs its dirty pages written to the WAL (and, past
     * the auto-checkpoint size, a checkpoint with two fsyncs): once per small file was a third of a
     * cold import's writing.
     */
    public TranscriptBatch.Outcome importTranscripts(List<TranscriptBatch> batches) {
        return ledger.write("import transcript lines", c -> TranscriptStore.write(c, prices, clock.instant(), batches));
    }

    /** The stored cursors of one agent source's files, by path (Claude Code's are {@link #transcriptCursors}). */
    public Map<String, ImportCursor> importCursors(String source) {
        return db.read("read " + source + " cursors", c -> ImportStateStore.cursors(c, source));
    }

    /** One file's new events and its cursor, in one transaction: all or nothing. */
    public SourceBatch.Outcome importSource(SourceBatch batch) {
        return importSources(List.of(batch));
    }

    /** Several files' new events and cursors, in one transaction: all or nothing. */
    public SourceBatch.Outcome importSources(List<SourceBatch> batches) {
        if (batches.isEmpty()) {
            return SourceBatch.Outcome.NONE;
        }
        return ledger.write("import " + batches.get(0).cursorAfter().source() + " lines",
                c -> ImportStateStore.write(c, prices, clock.instant(), batches));
    }

    /** One OTLP export's usage, in one transaction: all or nothing (see {@link OtlpBatch} for the counting rules). */
    public OtlpBatch.Outcome importOtlp(OtlpBatch batch) {
        return ledger.write("import an OTLP export", c -> OtlpStore.write(c, prices, clock.instant(), batch));
    }
}
