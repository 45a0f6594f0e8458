package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Claude Code transcripts as an {@link AgentSource}: {@link TranscriptImporter} does the work. */
public final class ClaudeCodeSource implements AgentSource {
    @Override
    public String name() {
        return Sources.CLAUDE_CODE;
    }

    @Override
    public String dirOption() {
        return "--claude-dir";
    }

    @Override
    public List<Path> defaultDirs(Map<String, String> env) {
        return TranscriptImporter.defaultDirs(env);
    }

    @Override
    public ImportSummary importFrom(TokenLedger ledger, List<Path> dirs, TranscriptImporter.Progress progress) {
        return new TranscriptImporter(ledger, progress).run(dirs);
    }
}
