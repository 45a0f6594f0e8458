package dev.tokenomics.transcripts;

import java.nio.file.Path;
import java.util.Map;

/**
 * The Claude Code session a stdio server serves, read from its environment. Claude Code 2.1.154+
 * starts each stdio MCP server with CLAUDE_CODE_SESSION_ID (the id hooks see, since 2.1.163) and
 * CLAUDE_PROJECT_DIR (the project root). Both may be absent: an older Claude Code, another client,
 * or a person at a shell.
 */
public record ClaudeSession(String sessionId, Path projectDir) {

    public static final ClaudeSession NONE = new ClaudeSession(null, null);

    public static ClaudeSession fromEnvironment(Map<String, String> env) {
        String id = blankToNull(env.get("CLAUDE_CODE_SESSION_ID"));
        String dir = blankToNull(env.get("CLAUDE_PROJECT_DIR"));
        return new ClaudeSession(id, dir == null ? null : Path.of(dir));
    }

    /** The repo name events default to: the project folder's name. */
    public String repo() {
        if (projectDir == null || projectDir.getFileName() == null) {
            return null;
        }
        return projectDir.getFileName().toString();
    }

    /**
     * Where Claude Code keeps this session's transcript: {@code <claudeDir>/projects/<project dir
     * with '/' and '.' turned into '-'>/<session id>.jsonl}.
     */
    public Path transcript(Path claudeDir) {
        if (sessionId == null || projectDir == null) {
            return null;
        }
        String folder = projectDir.toString().replace('/', '-').replace('.', '-');
        return claudeDir.resolve("projects").resolve(folder).resolve(sessionId + ".jsonl");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
