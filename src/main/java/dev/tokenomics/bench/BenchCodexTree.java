package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes a realistic Codex CLI home for the import benchmark: rollouts under sessions/YYYY/MM/DD/ in
 * several projects, turns with large function-call outputs (most of the bytes), a token_count per
 * turn with running and last usage, repeated snapshots (rate-limit updates), model switches, forked
 * sessions that open with their parent's history re-stamped to the fork instant, older files with
 * running totals only, rollouts copied into archived_sessions/, and 1% malformed lines. The lines
 * are compact JSON, as Codex writes them.
 */
final class BenchCodexTree {
    private static final String[] MODELS = {"gpt-5-codex", "gpt-5-codex", "gpt-5", "gpt-5.1-codex"};

    record Stats(long files, long bytes, long snapshots, long lines) {}

    private BenchCodexTree() {}

    /** A session's lines, kept so a fork can copy them. */
    private record Session(String id, List<String> lines) {}

    static Stats write(Path home, int sessions, int turnsPerSession, int megabytes, Instant start, int days)
            throws IOException {
        Random r = new Random(4321);
        long bytes = 0;
        long lines = 0;
        long files = 0;
        long snapshots = 0;
        long padPerTurn = Math.max(0, (long) megabytes * 1_000_000 / Math.max(1, (long) sessions * turnsPerSession) - 900);
        String filler = "lorem ipsum dolor sit amet consectetur ".repeat(400);
        long spanMs = days * 86_400_000L;
        Session previous = null;
        for (int s = 0; s < sessions; s++) {
            String id = String.format("0199%04x-0000-7000-8000-%012x", s & 0xffff, s * 7919L);
            long t = start.toEpochMilli() + (long) (r.nextDouble() * (spanMs - 3_600_000L * 6));
            Instant begin = Instant.ofEpochMilli(t);
            String cwd = "/home/dev/src/project" + (s % 9);
            boolean fork = previous != null && s % 10 == 3;
            boolean legacy = s % 20 == 7; // running totals only
            List<String> out = new ArrayList<>();
            out.add("{\"timestamp\":\"" + begin + "\",\"type\":\"session_meta\",\"payload\":{\"id\":\"" + id
                    + "\",\"timestamp\":\"" + begin + "\",\"cwd\":\"" + cwd + "\",\"originator\":\"codex_cli_rs\","
                    + "\"cli_version\":\"0.63.0\"" + (fork ? ",\"forked_from_id\":\"" + previous.id() + "\"" : "") + "}}");
            long[] total = new long[4];
            if (fork) { // the parent's history, every line re-stamped within the fork instant's burst
                int i = 1;
                for (String line : previous.lines()) {
                    String copied = "{\"timestamp\":\"" + Instant.ofEpochMilli(t + i++) + "\"" + line.substring(
                            line.indexOf(",\"type\""));
                    out.add(copied);
                    total = lastTotal(line, total);
                }
                t += 4_000;
            }
            String model = MODELS[r.nextInt(MODELS.length)];
            for (int turn = 0; turn < turnsPerSession; turn++) {
                if (turn == 0 || turn == turnsPerSession / 2 && s % 5 == 1) {
                    if (turn > 0) {
                        model = model.equals("gpt-5") ? "gpt-5-codex" : "gpt-5"; // a switch mid-session
                    }
                    out.add("{\"timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"type\":\"turn_context\",\"payload\":"
                            + "{\"cwd\":\"" + cwd + "\",\"approval_policy\":\"on-request\",\"model\":\"" + model
                            + "\",\"effort\":\"medium\",\"summary\":\"auto\"}}");
                }
                t += 2_000 + r.nextInt(20_000);
                out.add("{\"timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"type\":\"event_msg\",\"payload\":{\"type\":"
                        + "\"user_message\",\"message\":\"turn " + turn + "\",\"kind\":\"plain\"}}");
                int pad = (int) Math.min(filler.length(), Math.max(0, padPerTurn + r.nextInt(400) - 200));
                t += 3_000 + r.nextInt(30_000);
                out.add("{\"timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"type\":\"response_item\",\"payload\":"
                        + "{\"type\":\"function_call_output\",\"call_id\":\"call_" + s + "_" + turn + "\",\"output\":\""
                        + filler.substring(0, pad) + "\"}}");
                long in = 2_000 + r.nextInt(60_000);
                long cached = turn == 0 ? 0 : in * (50 + r.nextInt(45)) / 100;
                long outTokens = 50 + r.nextInt(3_000);
                long reasoning = outTokens * r.nextInt(60) / 100;
                long[] last = {in, cached, outTokens, reasoning};
                for (int k = 0; k < 4; k++) {
                    total[k] += last[k];
                }
                String info = "{\"total_token_usage\":" + usage(total) + (legacy ? "" : ",\"last_token_usage\":"
                        + usage(last)) + ",\"model_context_window\":272000}";
                String count = "{\"timestamp\":\"" + Instant.ofEpochMilli(t + 5) + "\",\"type\":\"event_msg\","
                        + "\"payload\":{\"type\":\"token_count\",\"info\":" + info + ",\"rate_limits\":{\"primary\":"
                        + "{\"used_percent\":" + r.nextInt(100) + ".0,\"window_minutes\":300}}}}";
                out.add(count);
                snapshots++;
                if (r.nextInt(10) < 3) { // a rate-limit update repeats the snapshot
                    out.add(count.replace("\"timestamp\":\"" + Instant.ofEpochMilli(t + 5),
                            "\"timestamp\":\"" + Instant.ofEpochMilli(t + 900)));
                }
                if (r.nextInt(100) == 0) {
                    out.add("{\"timestamp\":\"" + Instant.ofEpochMilli(t + 950) + "\",\"type\":\"event_msg\",\"payl");
                }
            }
            String day = begin.toString().substring(0, 10).replace('-', '/');
            String name = "rollout-" + begin.toString().substring(0, 19).replace(':', '-') + "-" + id + ".jsonl";
            Path file = home.resolve("sessions").resolve(day).resolve(name);
            Files.createDirectories(file.getParent());
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (String line : out) {
                    w.write(line);
                    w.write('\n');
                    bytes += line.length() + 1;
                }
            }
            lines += out.size();
            files++;
            if (s % 10 == 5) { // archived, and the live copy not yet removed
                Path archived = home.resolve("archived_sessions").resolve(name);
                Files.createDirectories(archived.getParent());
                Files.copy(file, archived, StandardCopyOption.REPLACE_EXISTING);
                bytes += Files.size(archived);
                lines += out.size();
                files++;
            }
            previous = new Session(id, out.subList(1, out.size())); // a fork copies all but the meta
        }
        return new Stats(files, bytes, snapshots, lines);
    }

    private static String usage(long[] u) {
        return "{\"input_tokens\":" + u[0] + ",\"cached_input_tokens\":" + u[1] + ",\"output_tokens\":" + u[2]
                + ",\"reasoning_output_tokens\":" + u[3] + ",\"total_tokens\":" + (u[0] + u[2]) + "}";
    }

    /** The running total a copied line carries, so a fork goes on from its parent's. */
    private static long[] lastTotal(String line, long[] current) {
        int at = line.indexOf("\"total_token_usage\":{");
        if (at < 0) {
            return current;
        }
        String[] keys = {"input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens"};
        long[] out = new long[4];
        for (int k = 0; k < 4; k++) {
            int i = line.indexOf("\"" + keys[k] + "\":", at) + keys[k].length() + 3;
            int j = i;
            while (Character.isDigit(line.charAt(j))) {
                j++;
            }
            out[k] = Long.parseLong(line.substring(i, j));
        }
        return out;
    }
}
