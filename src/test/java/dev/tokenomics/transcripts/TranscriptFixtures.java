package dev.tokenomics.transcripts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** Claude Code transcript lines in exactly the shape Claude Code writes them, built by tests. */
final class TranscriptFixtures {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TranscriptFixtures() {}

    /** An assistant line. {@code split5m}/{@code split1h} null: no cache_creation object. */
    static String assistant(String messageId, String requestId, String session, String ts, String model, long in,
            long out, long cacheCreation, long cacheRead, Long split5m, Long split1h, boolean sidechain,
            Double costUsd, boolean apiError) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("input_tokens", in);
        usage.put("cache_creation_input_tokens", cacheCreation);
        usage.put("cache_read_input_tokens", cacheRead);
        if (split5m != null) {
            usage.put("cache_creation", Map.of("ephemeral_5m_input_tokens", split5m, "ephemeral_1h_input_tokens",
                    split1h));
        }
        usage.put("output_tokens", out);
        usage.put("service_tier", "standard");
        usage.put("server_tool_use", Map.of("web_search_requests", 0));
        Map<String, Object> message = new LinkedHashMap<>();
        if (messageId != null) {
            message.put("id", messageId);
        }
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.put("content", java.util.List.of(Map.of("type", "text", "text", "ok")));
        message.put("usage", usage);
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("parentUuid", "p-" + ts);
        line.put("isSidechain", sidechain);
        line.put("userType", "external");
        line.put("cwd", "/home/dev/src/app");
        line.put("sessionId", session);
        line.put("version", "2.1.170");
        line.put("gitBranch", "main");
        line.put("type", "assistant");
        line.put("message", message);
        if (requestId != null) {
            line.put("requestId", requestId);
        }
        line.put("uuid", "u-" + messageId + "-" + out);
        line.put("timestamp", ts);
        if (costUsd != null) {
            line.put("costUSD", costUsd);
        }
        if (apiError) {
            line.put("isApiErrorMessage", true);
        }
        return JSON.writeValueAsString(line);
    }

    static String simple(String messageId, String requestId, String session, String ts, long in, long out) {
        return assistant(messageId, requestId, session, ts, "claude-sonnet-4-5", in, out, 0, 0, null, null, false, null,
                false);
    }

    static String user(String session, String ts) {
        return "{\"type\":\"user\",\"sessionId\":\"" + session + "\",\"timestamp\":\"" + ts
                + "\",\"message\":{\"role\":\"user\",\"content\":\"hello\"}}";
    }

    static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
