package dev.tokenomics.transcripts;

import java.nio.file.Path;

/**
 * A transcript file and what its place under {@code projects/} says: the project (the first folder,
 * the cwd with '/' turned into '-'), the session (the file's name), and for
 * {@code <project>/<session>/subagents/agent-<id>.jsonl} the subagent's id.
 */
record TranscriptFile(Path path, String project, String sessionId, String agentId) {

    static TranscriptFile of(Path projectsDir, Path file) {
        Path rel = projectsDir.relativize(file);
        String project = rel.getNameCount() > 1 ? rel.getName(0).toString() : null;
        String name = file.getFileName().toString();
        String stem = name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
        int n = rel.getNameCount();
        if (n >= 4 && rel.getName(n - 2).toString().equals("subagents")) {
            String agent = stem.startsWith("agent-") ? stem.substring("agent-".length()) : stem;
            return new TranscriptFile(file, project, rel.getName(n - 3).toString(), agent);
        }
        return new TranscriptFile(file, project, stem, null);
    }

    boolean subagent() {
        return agentId != null;
    }
}
