package dev.tokenomics.opencode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Random;

/**
 * Writes a realistic OpenCode data folder for {@code bench import}: an {@code opencode.db} with OpenCode's
 * session, message and part tables (as packages/opencode/src/session/session.sql.ts defines them), each
 * assistant message's usage in its data and again in its step-finish parts and the session's counters,
 * text and tool parts holding most of the bytes, messages still streaming (all tokens 0), 1% cut-off
 * data; and the legacy JSON storage: sessions only there, and sessions copied there from the database.
 * Here because it writes through JDBC, beside the one reader of OpenCode's file.
 */
public final class OpenCodeBenchData {
    private static final String[] MODELS = {"claude-sonnet-4-5", "claude-sonnet-4-5", "gpt-5"};

    /** What was written: messages with usage, the database's size, the JSON files and their bytes. */
    public record Stats(long messages, long dbBytes, long jsonFiles, long jsonBytes) {}

    private OpenCodeBenchData() {}

    public static Stats write(Path dir, int sessions, int turnsPerSession, int megabytes, Instant start, int days)
            throws IOException {
        Files.createDirectories(dir);
        Random r = new Random(2468);
        long padPerTurn = Math.max(0, (long) megabytes * 1_000_000 / Math.max(1, (long) sessions * turnsPerSession)
                - 1_500);
        String filler = "lorem ipsum dolor sit amet consectetur ".repeat(2_000);
        long spanMs = days * 86_400_000L;
        long messages = 0;
        long jsonFiles = 0;
        long jsonBytes = 0;
        Path db = dir.resolve("opencode.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE session (id TEXT PRIMARY KEY, project_id TEXT NOT NULL, parent_id TEXT, slug TEXT "
                        + "NOT NULL, directory TEXT NOT NULL, title TEXT NOT NULL, version TEXT NOT NULL, cost REAL NOT NULL "
                        + "DEFAULT 0, tokens_input INTEGER NOT NULL DEFAULT 0, tokens_output INTEGER NOT NULL DEFAULT 0, "
                        + "tokens_reasoning INTEGER NOT NULL DEFAULT 0, tokens_cache_read INTEGER NOT NULL DEFAULT 0, "
                        + "tokens_cache_write INTEGER NOT NULL DEFAULT 0, time_created INTEGER NOT NULL, "
                        + "time_updated INTEGER NOT NULL)");
                st.execute("CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL, time_created INTEGER NOT "
                        + "NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)");
                st.execute("CREATE INDEX message_session_time_created_id_idx ON message (session_id, time_created, id)");
                st.execute("CREATE TABLE part (id TEXT PRIMARY KEY, message_id TEXT NOT NULL, session_id TEXT NOT NULL, "
                        + "time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)");
                st.execute("CREATE INDEX part_message_id_id_idx ON part (message_id, id)");
            }
            try (PreparedStatement ses = c.prepareStatement("INSERT INTO session VALUES (?, ?, NULL, ?, ?, ?, '1.0.0', 0, "
                    + "?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement msg = c.prepareStatement("INSERT INTO message VALUES (?, ?, ?, ?, ?)");
                    PreparedStatement part = c.prepareStatement("INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int s = 0; s < sessions; s++) {
                    String sid = String.format("ses_%08x%016x", s, s * 2654435761L);
                    String cwd = "/home/dev/src/oproject" + (s % 7);
                    long t = start.toEpochMilli() + (long) (r.nextDouble() * (spanMs - 3_600_000L * 6));
                    long t0 = t;
                    boolean jsonOnly = s % 10 == 3; // an old session, in the legacy storage only
                    boolean copied = s % 10 == 6; // migrated: in the database and still in the storage
                    String model = MODELS[r.nextInt(MODELS.length)];
                    String provider = model.startsWith("claude") ? "anthropic" : "openai";
                    long[] sum = new long[5];
                    for (int turn = 0; turn < turnsPerSession; turn++) {
                        t += 2_000 + r.nextInt(20_000);
                        String uid = String.format("msg_%08x%04xu", s, turn);
                        String user = "{\"role\":\"user\",\"time\":{\"created\":" + t + "},\"agent\":\"build\",\"model\":"
                                + "{\"providerID\":\"" + provider + "\",\"modelID\":\"" + model + "\"}}";
                        t += 3_000 + r.nextInt(30_000);
                        String aid = String.format("msg_%08x%04xa", s, turn);
                        long in = 200 + r.nextInt(8_000);
                        long read = turn == 0 ? 0 : 5_000 + r.nextInt(60_000);
                        long write = r.nextInt(3) == 0 ? r.nextInt(6_000) : 0;
                        long out = 30 + r.nextInt(2_000);
                        long reasoning = provider.equals("openai") ? r.nextInt(1_500) : 0;
                        boolean streaming = r.nextInt(50) == 0;
                        if (streaming) {
                            in = read = write = out = reasoning = 0;
                        }
                        String tokens = "{\"input\":" + in + ",\"output\":" + out + ",\"reasoning\":" + reasoning
                                + ",\"cache\":{\"read\":" + read + ",\"write\":" + write + "}}";
                        String data = "{\"role\":\"assistant\",\"time\":{\"created\":" + t + ",\"completed\":" + (t + 900)
                                + "},\"parentID\":\"" + uid + "\",\"modelID\":\"" + model + "\",\"providerID\":\"" + provider
                                + "\",\"mode\":\"build\",\"agent\":\"build\",\"path\":{\"cwd\":\"" + cwd + "\",\"root\":\""
                                + cwd + "\"},\"cost\":0,\"tokens\":" + tokens + ",\"finish\":\"stop\"}";
                        if (r.nextInt(100) == 0) {
                            data = data.substring(0, data.length() / 2); // cut off
                        } else if (!streaming) {
                            messages++;
                            sum[0] += in;
                            sum[1] += out;
                            sum[2] += reasoning;
                            sum[3] += read;
                            sum[4] += write;
                        }
                        if (jsonOnly || copied) {
                            jsonBytes += json(dir, sid, uid, user);
                            jsonBytes += json(dir, sid, aid, data);
                            jsonFiles += 2;
                        }
                        if (jsonOnly) {
                            continue;
                        }
                        insert(msg, uid, sid, t - 3_000, t - 3_000, user);
                        insert(msg, aid, sid, t, t + 900, data);
                        int pad = (int) Math.min(filler.length(), Math.max(0, padPerTurn + r.nextInt(400) - 200));
                        part(part, aid + "p0", aid, sid, t, "{\"type\":\"step-start\"}");
                        part(part, aid + "p1", aid, sid, t, "{\"type\":\"text\",\"text\":\"" + filler.substring(0, pad / 4)
                                + "\",\"time\":{\"start\":" + t + ",\"end\":" + (t + 300) + "}}");
                        part(part, aid + "p2", aid, sid, t, "{\"type\":\"tool\",\"callID\":\"call_" + turn + "\",\"tool\":"
                                + "\"bash\",\"state\":{\"status\":\"completed\",\"input\":{\"command\":\"mvn test\"},"
                                + "\"output\":\"" + filler.substring(0, pad - pad / 4) + "\"}}");
                        // The step's usage again: OpenCode adds these up into the message's tokens.
                        part(part, aid + "p3", aid, sid, t + 900, "{\"type\":\"step-finish\",\"reason\":\"stop\","
                                + "\"cost\":0,\"tokens\":" + tokens + "}");
                    }
                    if (!jsonOnly) {
                        ses.setString(1, sid);
                        ses.setString(2, "prj" + (s % 7));
                        ses.setString(3, "slug-" + s);
                        ses.setString(4, cwd);
                        ses.setString(5, "session " + s);
                        for (int k = 0; k < 5; k++) {
                            ses.setLong(6 + k, sum[k]); // the counters: the same usage a third time
                        }
                        ses.setLong(11, t0);
                        ses.setLong(12, t);
                        ses.executeUpdate();
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IOException("write the benchmark's OpenCode database " + db + ": " + e.getMessage(), e);
        }
        return new Stats(messages, Files.size(db), jsonFiles, jsonBytes);
    }

    private static void insert(PreparedStatement ps, String id, String session, long created, long updated, String data)
            throws SQLException {
        ps.setString(1, id);
        ps.setString(2, session);
        ps.setLong(3, created);
        ps.setLong(4, updated);
        ps.setString(5, data);
        ps.executeUpdate();
    }

    private static void part(PreparedStatement ps, String id, String message, String session, long t, String data)
            throws SQLException {
        ps.setString(1, id);
        ps.setString(2, message);
        ps.setString(3, session);
        ps.setLong(4, t);
        ps.setLong(5, t);
        ps.setString(6, data);
        ps.executeUpdate();
    }

    /** A legacy storage file, storage/message/<session>/<message>.json, with id and sessionID inside. */
    private static long json(Path dir, String session, String id, String data) throws IOException {
        Path f = dir.resolve("storage").resolve("message").resolve(session).resolve(id + ".json");
        Files.createDirectories(f.getParent());
        String text = "{\"id\":\"" + id + "\",\"sessionID\":\"" + session + "\"," + data.substring(1);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return text.length();
    }
}
