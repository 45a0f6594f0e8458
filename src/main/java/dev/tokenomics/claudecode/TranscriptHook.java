package dev.tokenomics.claudecode;

import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.transcripts.ImportSummary;
import dev.tokenomics.transcripts.SessionTranscripts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The plugin's hook (SessionEnd, Stop): Claude Code sends the hook's JSON on stdin, with the
 * session's {@code transcript_path}; its new lines (and its subagents') go into the ledger. Quiet
 * and never failing: a hook's non-zero exit shows the user a warning, and exit 2 on Stop would keep
 * Claude from stopping, so every outcome exits 0 and only {@code --debug} speaks (on stderr).
 */
public final class TranscriptHook {
    private final Supplier<TokenLedger> ledger;

    public TranscriptHook(Supplier<TokenLedger> ledger) {
        this.ledger = ledger;
    }

    /** Imports what the hook names; says what happened on {@code debug} when given. */
    public void run(String stdin, PrintWriter debug) {
        try {
            StatusInput in = StatusInput.parse(stdin);
            if (in.transcriptPath() == null) {
                throw new IllegalArgumentException("the hook's JSON has no transcript_path");
            }
            List<Path> files = SessionTranscripts.files(Path.of(in.transcriptPath()));
            try (TokenLedger l = ledger.get()) {
                ImportSummary s = SessionTranscripts.importNew(l, files);
                if (debug != null) {
                    debug.println("hook: imported " + s.added() + " new, " + s.replaced() + " replaced, "
                            + s.malformed() + " malformed lines, from " + files.size() + " files of session "
                            + in.sessionId());
                }
            }
        } catch (RuntimeException e) {
            if (debug != null) {
                debug.println("hook: nothing imported: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        if (debug != null) {
            debug.flush();
        }
    }
}
