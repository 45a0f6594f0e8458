package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Writes a realistic Gemini CLI tmp folder for the import benchmark: project folders with
 * {@code .project_root}, {@code chats/session-*.jsonl} where each model message is appended first
 * without tokens, then again in full as its tokens arrive, and again with its tool calls and their
 * output (most of the bytes); {@code $set} metadata updates, one of them carrying the message list
 * again; legacy pretty-printed {@code session-*.json}; legacy sessions resumed into a {@code .jsonl}
 * that copies their messages (ids unchanged); subagent chats under their parent session's folder; and
 * 1% cut-off lines. The lines are compact JSON, as Gemini CLI writes them.
 */
final class BenchGeminiTree {
    private static final String[] MODELS = {"gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash"};

    /**
     * What was written; {@code resumedCopies}: per "day model", the {in, cache read, out, thoughts} of the messages
     * a resumed .jsonl copies from its legacy .json, which a reader that does not key by message id
     * counts twice.
     */
    record Stats(long files, long bytes, long messages, long lines, Map<String, long[]> resumedCopies) {}

    private BenchGeminiTree() {}

    static Stats write(Path root, int sessions, int turnsPerSession, int megabytes, Instant start, int days)
            throws IOException {
        Random r = new Random(8765);
        long[] counts = new long[4]; // files, bytes, messages, lines
        Map<String, long[]> copies = new TreeMap<>();
        long padPerTurn = Math.max(0, (long) megabytes * 1_000_000 / Math.max(1, (long) sessions * turnsPerSession)
                - 2_200);
        String filler = "lorem ipsum dolor sit amet consectetur ".repeat(2_000);
        long spanMs = days * 86_400_000L;
        for (int p = 0; p < 6; p++) {
            Path project = root.resolve(String.format("%064x", 0xabcdef12345L * (p + 1)));
            Files.createDirectories(project.resolve("chats"));
            Files.writeString(project.resolve(".project_root"), "/home/dev/src/gproject" + p + "\n");
        }
        for (int s = 0; s < sessions; s++) {
            String id = String.format("%08x-1111-4222-8333-%012x", s * 2654435761L & 0xffffffffL, s * 7919L);
            Path chats = root.resolve(String.format("%064x", 0xabcdef12345L * (s % 6 + 1))).resolve("chats");
            long t = start.toEpochMilli() + (long) (r.nextDouble() * (spanMs - 3_600_000L * 6));
            Instant begin = Instant.ofEpochMilli(t);
            String name = "session-" + begin.toString().substring(0, 16).replace(':', '-') + "-" + id.substring(0, 8);
            boolean legacy = s % 10 == 4; // an old session file, one JSON object
            boolean resumed = s % 15 == 7; // an old session file, resumed into a .jsonl
            List<String> messages = new ArrayList<>(); // the final record of each message, in order
            List<String> lines = new ArrayList<>();
            String meta = "{\"sessionId\":\"" + id + "\",\"projectHash\":\"" + chats.getParent().getFileName()
                    + "\",\"startTime\":\"" + begin + "\",\"lastUpdated\":\"" + begin + "\",\"kind\":\"main\"}";
            lines.add(meta);
            String model = MODELS[r.nextInt(MODELS.length)];
            for (int turn = 0; turn < turnsPerSession; turn++) {
                t += 2_000 + r.nextInt(20_000);
                String user = "{\"id\":\"u" + s + "-" + turn + "\",\"timestamp\":\"" + Instant.ofEpochMilli(t)
                        + "\",\"type\":\"user\",\"content\":[{\"text\":\"turn " + turn + ": fix the tests\"}]}";
                lines.add(user);
                messages.add(user);
                if (turn == turnsPerSession / 2 && s % 4 == 1) {
                    model = model.equals("gemini-2.5-pro") ? "gemini-2.5-flash" : "gemini-2.5-pro";
                }
                t += 3_000 + r.nextInt(30_000);
                String ts = Instant.ofEpochMilli(t).toString();
                String mid = String.format("%08x-aaaa-4bbb-8ccc-%012x", s, turn * 31L + 1);
                int pad = (int) Math.min(filler.length(), Math.max(0, padPerTurn + r.nextInt(400) - 200));
                String head = "{\"id\":\"" + mid + "\",\"timestamp\":\"" + ts + "\",\"type\":\"gemini\",\"content\":"
                        + "\"Running the tests now.\",\"thoughts\":[{\"subject\":\"Plan\",\"description\":\"Check the "
                        + "failing test first.\",\"timestamp\":\"" + ts + "\"}]";
                long in = 4_000 + r.nextInt(80_000);
                long cached = turn == 0 ? 0 : in * (40 + r.nextInt(50)) / 100;
                long output = 30 + r.nextInt(2_000);
                long thoughts = r.nextInt(3) == 0 ? 0 : r.nextInt(1_500);
                long tool = r.nextInt(4) == 0 ? r.nextInt(300) : 0;
                String tokens = "{\"input\":" + in + ",\"output\":" + output + ",\"cached\":" + cached + ",\"thoughts\":"
                        + thoughts + ",\"tool\":" + tool + ",\"total\":" + (in + output + thoughts + tool) + "}";
                lines.add(head + ",\"tokens\":null,\"model\":\"" + model + "\"}"); // appended before its usage
                if (r.nextInt(5) == 0) { // an early partial count, superseded below
                    lines.add(head + ",\"tokens\":{\"input\":" + in + ",\"output\":1,\"cached\":" + cached
                            + ",\"thoughts\":0,\"tool\":0,\"total\":" + (in + 1) + "},\"model\":\"" + model + "\"}");
                }
                String done = head + ",\"toolCalls\":[{\"id\":\"call-" + mid + "\",\"name\":\"run_shell_command\","
                        + "\"args\":{\"command\":\"mvn test\"},\"result\":[{\"functionResponse\":{\"id\":\"call-" + mid
                        + "\",\"name\":\"run_shell_command\",\"response\":{\"output\":\"" + filler.substring(0, pad)
                        + "\"}}}],\"status\":\"success\",\"timestamp\":\"" + ts + "\"}],\"tokens\":" + tokens
                        + ",\"model\":\"" + model + "\"}";
                lines.add(head + ",\"tokens\":" + tokens + ",\"model\":\"" + model + "\"}"); // its tokens arrive
                lines.add(done); // and its tool calls, the message whole again
                messages.add(done);
                counts[2]++;
                if (resumed) {
                    long[] c = copies.computeIfAbsent(ts.substring(0, 10) + " " + model, k -> new long[4]);
                    c[0] += in - cached + tool;
                    c[1] += cached;
                    c[2] += output;
                    c[3] += thoughts;
                }
                lines.add("{\"$set\":{\"lastUpdated\":\"" + Instant.ofEpochMilli(t + 10) + "\"}}");
                if (r.nextInt(100) == 0) {
                    lines.add("{\"id\":\"cut-" + s + "-" + turn + "\",\"timestamp\":\"" + ts + "\",\"type\":\"gem");
                }
            }
            if (turnsPerSession > 2) { // history compressed: the whole list again in a metadata update
                lines.add("{\"$set\":{\"messages\":[" + String.join(",", messages.subList(messages.size() - 2,
                        messages.size())) + "]}}");
            }
            if (legacy || resumed) {
                String json = "{\n  \"sessionId\": \"" + id + "\",\n  \"projectHash\": \"" + chats.getParent().getFileName()
                        + "\",\n  \"startTime\": \"" + begin + "\",\n  \"lastUpdated\": \"" + Instant.ofEpochMilli(t)
                        + "\",\n  \"messages\": [\n    " + String.join(",\n    ", messages) + "\n  ]\n}\n";
                Path f = chats.resolve(name + ".json");
                Files.writeString(f, json, StandardCharsets.UTF_8);
                counts[0]++;
                counts[1] += Files.size(f);
                if (resumed) { // the resumed file: metadata, the copied messages, then one new turn
                    List<String> copy = new ArrayList<>(List.of(meta));
                    copy.addAll(messages);
                    copy.add("{\"$set\":{\"sessionId\":\"" + id + "\"}}");
                    t += 60_000;
                    long in = 1_000 + r.nextInt(9_000);
                    copy.add("{\"id\":\"" + id + "-resumed\",\"timestamp\":\"" + Instant.ofEpochMilli(t) + "\",\"type\":"
                            + "\"gemini\",\"content\":\"Done.\",\"tokens\":{\"input\":" + in + ",\"output\":20,\"cached\":0,"
                            + "\"thoughts\":0,\"tool\":0,\"total\":" + (in + 20) + "},\"model\":\"" + model + "\"}");
                    counts[2]++;
                    writeLines(chats.resolve(name + ".jsonl"), copy, counts);
                }
            } else {
                writeLines(chats.resolve(name + ".jsonl"), lines, counts);
            }
            if (s % 8 == 2) { // a subagent's chat, nested under its parent session
                long st = begin.toEpochMilli() + 30_000;
                List<String> sub = new ArrayList<>(List.of("{\"sessionId\":\"" + id + "-sub\",\"projectHash\":\""
                        + chats.getParent().getFileName() + "\",\"startTime\":\"" + Instant.ofEpochMilli(st)
                        + "\",\"kind\":\"subagent\"}"));
                for (int k = 0; k < 3; k++) {
                    long in = 2_000 + r.nextInt(20_000);
                    sub.add("{\"id\":\"" + id + "-sub-" + k + "\",\"timestamp\":\"" + Instant.ofEpochMilli(st + k * 5_000L)
                            + "\",\"type\":\"gemini\",\"content\":\"Found it.\",\"tokens\":{\"input\":" + in + ",\"output\":"
                            + (10 + k) + ",\"cached\":0,\"thoughts\":" + (5 * k) + ",\"tool\":0,\"total\":" + (in + 10 + 6 * k)
                            + "},\"model\":\"gemini-2.5-flash\"}");
                    counts[2]++;
                }
                writeLines(chats.resolve(id).resolve(id + "-sub.jsonl"), sub, counts);
            }
        }
        return new Stats(counts[0], counts[1], counts[2], counts[3], copies);
    }

    private static void writeLines(Path file, List<String> lines, long[] counts) throws IOException {
        Files.createDirectories(file.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                w.write(line);
                w.write('\n');
                counts[1] += line.length() + 1;
            }
        }
        counts[0]++;
        counts[3] += lines.size();
    }
}
