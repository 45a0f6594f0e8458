package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One agent's own records of its usage, read into the ledger incrementally. Adding an agent is one
 * class behind this interface (registered in {@link AgentSources}) and a fixture test that holds
 * every trap of its format: where its files live, how a line becomes events with stable record keys
 * (so a second read, or a second copy of a file, stores nothing new), and its cursor state.
 */
public interface AgentSource {
    /** The name stored in token_events.source and accepted by --source ({@link dev.tokenomics.ledger.Sources}). */
    String name();

    /** The CLI option that points at a folder of this agent, e.g. {@code --codex-dir}. */
    String dirOption();

    /** The folders this agent keeps its records in that exist here, from its environment variables or ~. */
    List<Path> defaultDirs(Map<String, String> env);

    /**
     * Imports what is new under {@code dirs} (each one a folder {@link #dirOption} accepts). A dir that
     * is not a directory is refused before anything is read; a file it cannot read is named in the
     * summary and the rest imported.
     */
    ImportSummary importFrom(TokenLedger ledger, List<Path> dirs, TranscriptImporter.Progress progress);

    /** $HOME, as the agents themselves resolve ~; user.home only when HOME is unset. */
    static Path home(Map<String, String> env) {
        String h = env.get("HOME");
        return Path.of(h != null && !h.isBlank() ? h : System.getProperty("user.home"));
    }
}
