package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;

/**
 * Writes a realistic Claude Code transcript tree for the import benchmark: sessions in several
 * projects, user turns with large tool results (most of the bytes), responses streamed over one to
 * three lines with growing output, subagent files whose lines are sidechain (some replaying a
 * parent's message), three models, a few long-context Sonnet prompts, and 1% malformed lines.
 */
final class BenchTranscripts {
    private static final String[] MODELS = {"claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929",
            "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929",
            "claude-sonnet-4-5-20250929", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001",
            "claude-haiku-4-5-20251001", "claude-opus-4-1-20250805"};

    record Stats(long files, long bytes, long responses, long lines) {}

    private BenchTranscripts() {}

    /** About {@code responses} API responses over {@code files} files, padded to about {@code megabytes}. */
    static Stats write(Path root, int files, int responses, int megabytes, Instant start, int days) throws IOException {
        Random r = new Random(1234);
        long bytes = 0;
        long lines = 0;
        long written = 0;
        int perFile = Math.max(1, responses / files);
        // user-turn padding so the tree reaches the asked size: most transcript bytes are tool results
        long padPerResponse = Math.max(0, (long) megabytes * 1_000_000 / Math.max(1, responses) - 1_400);
        String filler = "lorem ipsum dolor sit amet consectetur ".repeat(200);
        long spanMs = days * 86_400_000L;
        for (int f = 0; f < files; f++) {
            String project = "-home-dev-src-project" + (f % 12);
            String session = String.format("%08x-0000-4000-8000-%012x", f, f * 7919L);
            boolean subagent = f % 5 == 4;
            Path file = subagent
                    ? root.resolve("projects").resolve(project).resolve(String.format("%08x-0000-4000-8000-%012x", f - 1,
                            (f - 1) * 7919L)).resolve("subagents").resolve("agent-a" + f + ".jsonl")
                    : root.resolve("projects").resolve(project).resolve(session + ".jsonl");
            Files.createDirectories(file.getParent());
            String sessionId = subagent ? String.format("%08x-0000-4000-8000-%012x", f - 1, (f - 1) * 7919L) : session;
            long t = start.toEpochMilli() + (long) (r.nextDouble() * (spanMs - 3_600_000L * 8));
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < perFile; i++) {
                    t += 5_000 + r.nextInt(60_000);
                    String ts = Instant.ofEpochMilli(t).toString();
                    int pad = (int) Math.min(filler.length(), Math.max(0, padPerResponse + r.nextInt(600) - 300));
                    String user = "{\"parentUuid\":null,\"isSidechain\":" + subagent + ",\"userType\":\"external\","
                            + "\"cwd\":\"/home/dev/src/project" + (f % 12) + "\",\"sessionId\":\"" + sessionId
                            + "\",\"version\":\"2.1.170\",\"gitBranch\":\"main\",\"type\":\"user\",\"message\":{\"role\":"
                            + "\"user\",\"content\":[{\"type\":\"tool_result\",\"content\":\"" + filler.substring(0, pad)
                            + "\"}]},\"uuid\":\"u" + f + "-" + i + "\",\"timestamp\":\"" + ts + "\"}\n";
                    w.write(user);
                    bytes += user.length();
                    lines++;
                    String model = MODELS[r.nextInt(MODELS.length)];
                    boolean longContext = model.startsWith("claude-sonnet") && r.nextInt(100) == 0;
                    long in = 1 + r.nextInt(40);
                    long read = longContext ? 180_000 + r.nextInt(60_000) : 5_000 + r.nextInt(120_000);
                    long write5m = r.nextInt(4) == 0 ? r.nextInt(12_000) : 0;
                    long write1h = r.nextInt(10) == 0 ? r.nextInt(8_000) : 0;
                    long out = 40 + r.nextInt(2_500);
                    // a subagent now and then replays its parent's previous message under a new requestId
                    boolean replay = subagent && i > 0 && r.nextInt(20) == 0;
                    String msg = replay ? "msg_" + (f - 1) + "_" + i : "msg_" + f + "_" + i;
                    String req = "req_" + f + "_" + i;
                    int snapshots = 1 + r.nextInt(3);
                    for (int s = 1; s <= snapshots; s++) {
                        long o = s == snapshots ? out : out * s / (snapshots + 1);
                        String line = r.nextInt(100) == 0 ? "{\"type\":\"assistant\",\"message\":{\"usage\":{\"input_"
                                + "tokens\":" : "{\"parentUuid\":\"u" + f + "-" + i + "\",\"isSidechain\":" + subagent
                                + ",\"userType\":\"external\",\"cwd\":\"/home/dev/src/project" + (f % 12)
                                + "\",\"sessionId\":\"" + sessionId + "\",\"version\":\"2.1.170\",\"gitBranch\":\"main\","
                                + "\"message\":{\"id\":\"" + msg + "\",\"type\":\"message\",\"role\":\"assistant\","
                                + "\"model\":\"" + model + "\",\"content\":[{\"type\":\"text\",\"text\":\"Done: edited "
                                + "the file and ran the tests.\"}],\"stop_reason\":null,\"usage\":{\"input_tokens\":" + in
                                + ",\"cache_creation_input_tokens\":" + (write5m + write1h) + ",\"cache_read_input_tokens\":"
                                + read + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":" + write5m
                                + ",\"ephemeral_1h_input_tokens\":" + write1h + "},\"output_tokens\":" + o
                                + ",\"service_tier\":\"standard\"}},\"requestId\":\"" + req + "\",\"type\":\"assistant\","
                                + "\"uuid\":\"a" + f + "-" + i + "-" + s + "\",\"timestamp\":\"" + ts + "\"}";
                        w.write(line);
                        w.write('\n');
                        bytes += line.length() + 1;
                        lines++;
                    }
                    written++;
                }
            }
        }
        return new Stats(files, bytes, written, lines);
    }
}
