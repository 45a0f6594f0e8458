package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * What our tool definitions cost every session: a client puts each tool's name, description and
 * input schema into the model's context. Counted with Anthropic's published tokenizer
 * ({@value #TOKENIZER}, installed with npm into the bench's cache); it is Claude 2's tokenizer, so
 * for newer models the count is an estimate, and the bytes are printed beside it.
 */
final class ToolListTokens {
    static final String TOKENIZER = "@anthropic-ai/tokenizer@0.0.4";
    static final int TARGET = 4_000;

    private ToolListTokens() {}

    static void print(StdioPeer peer, Path cache, Path scratch, PrintWriter out) throws IOException, InterruptedException {
        JsonNode answer = peer.request("tools/list");
        // The bench's server has a no-op tool that a user's never lists: leave it out of the count.
        if (answer.path("result").path("tools") instanceof tools.jackson.databind.node.ArrayNode tools) {
            for (int i = tools.size() - 1; i >= 0; i--) {
                if ("noop".equals(tools.get(i).path("name").asString(""))) {
                    tools.remove(i);
                }
            }
        }
        Path list = scratch.resolve("tools-list.json");
        Files.writeString(list, ToolRunner.JSON_COMPACT.writeValueAsString(answer));
        Path dir = cache.resolve("tokenizer");
        if (!Launcher.npmInstall(dir, TOKENIZER)) {
            out.printf("tools/list: %,d bytes; %s not available (no npm?): no token count%n", Files.size(list), TOKENIZER);
            return;
        }
        Path script = dir.resolve("count-tokens.mjs");
        Launcher.copyResource("/bench/count-tokens.mjs", script);
        Process p = new ProcessBuilder("node", script.toString(), list.toString()).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0 || line.split(" ").length != 4) {
            out.println("tools/list: the token count failed (" + line + ")");
            return;
        }
        String[] f = line.split(" ");
        out.printf("tools/list: %s tools, %,d tokens in all; in the model's context (name, description, input schema): "
                + "%,d tokens, %,d bytes   target <= %,d (%s)%n", f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                Long.parseLong(f[3]), TARGET, TOKENIZER);
    }
}
