package dev.tokenomics.mcp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A Claude Code tree big enough that an import of it is still running when a cancellation arrives. */
public final class CancelTree {
    private CancelTree() {}

    /** {@code files} transcripts of {@code lines} one-token assistant messages each, under {@code claude}/projects. */
    public static void write(Path claude, int files, int lines) throws IOException {
        Path projects = Files.createDirectories(claude.resolve("projects/-home-me-app"));
        for (int f = 0; f < files; f++) {
            StringBuilder sb = new StringBuilder();
            for (int l = 0; l < lines; l++) {
                sb.append("{\"type\":\"assistant\",\"sessionId\":\"s").append(f).append("\",\"timestamp\":\"2026-01-01T00:")
                        .append(String.format("%02d", l)).append(":00Z\",\"requestId\":\"r").append(f).append('-').append(l)
                        .append("\",\"message\":{\"id\":\"m").append(f).append('-').append(l)
                        .append("\",\"model\":\"claude-haiku-4-5\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}}\n");
            }
            Files.writeString(projects.resolve("s" + f + ".jsonl"), sb.toString());
        }
    }
}
