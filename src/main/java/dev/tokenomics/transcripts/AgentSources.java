package dev.tokenomics.transcripts;

import dev.tokenomics.codex.CodexSource;
import dev.tokenomics.ledger.Sources;
import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every agent source that `import` and import_transcripts read, and the choice of which: the
 * sources named (--source), else the ones given a folder, else every one whose folders exist here.
 */
public final class AgentSources {
    /** The next agent is one more entry here. */
    public static final List<AgentSource> ALL = List.of(new ClaudeCodeSource(), new CodexSource(),
            new dev.tokenomics.gemini.GeminiSource(), new dev.tokenomics.opencode.OpenCodeSource(),
            new dev.tokenomics.workflow.WorkflowSource());

    private AgentSources() {}

    public static AgentSource named(String name) {
        for (AgentSource s : ALL) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        List<String> names = ALL.stream().map(AgentSource::name).toList();
        throw new IllegalArgumentException("source must be one of " + String.join(", ", names) + " for import; got '"
                + name + "'");
    }

    /**
     * The sources to read and the folders of each. {@code given} holds the folders passed per source
     * (absent or empty: none); {@code named} the --source names (null or empty: none named).
     */
    public static Map<AgentSource, List<Path>> choose(List<String> named, Map<String, List<Path>> given,
            Map<String, String> env) {
        Map<AgentSource, List<Path>> out = new LinkedHashMap<>();
        boolean anyGiven = given.values().stream().anyMatch(l -> l != null && !l.isEmpty());
        List<AgentSource> which = new ArrayList<>();
        if (named != null && !named.isEmpty()) {
            for (String n : named) {
                AgentSource s = named(Sources.agentOf(n.strip()));
                if (!which.contains(s)) {
                    which.add(s);
                }
            }
        } else {
            which.addAll(ALL);
        }
        for (AgentSource s : which) {
            List<Path> dirs = given.get(s.name());
            boolean explicit = named != null && !named.isEmpty();
            if (dirs != null && !dirs.isEmpty()) {
                out.put(s, dirs);
            } else if (!anyGiven || explicit) {
                List<Path> found = s.defaultDirs(env);
                if (!found.isEmpty()) {
                    out.put(s, found);
                } else if (explicit) {
                    throw new IllegalArgumentException("no " + s.name() + " folder found: pass " + s.dirOption()
                            + " DIR");
                }
            }
        }
        return out;
    }

    /** One summary per source read, in order. */
    public static Map<String, ImportSummary> run(TokenLedger ledger, Map<AgentSource, List<Path>> chosen,
            TranscriptImporter.Progress progress) {
        Map<String, ImportSummary> out = new LinkedHashMap<>();
        chosen.forEach((s, dirs) -> out.put(s.name(), s.importFrom(ledger, dirs, progress)));
        return out;
    }
}
