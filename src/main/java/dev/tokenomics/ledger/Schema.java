package dev.tokenomics.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a ledger to the current schema version, tracked in {@code PRAGMA user_version} (SQLite) or
 * the one-row table tokenomics_schema (PostgreSQL).
 *
 * <p>One numbered list serves both dialects: migration {@code N} is {@code db/migrations/N} for
 * SQLite and {@code db/postgres/migrations/N} for PostgreSQL. PostgreSQL ledgers began at version
 * {@link #POSTGRES_BASELINE} (schema-postgres.sql), so only the migrations after it have a
 * PostgreSQL file.
 *
 * <p>A new file gets {@code schema.sql} (the whole current schema, which ends by setting
 * user_version). An older file gets each numbered migration after its version, in order. Both
 * run inside one BEGIN IMMEDIATE transaction that re-reads the version first, so two processes
 * opening a new ledger at the same moment apply it exactly once.
 */
final class Schema {
    /** Migrations after version 1, in order: entry i moves version i+1 to i+2. */
    static final List<String> MIGRATIONS = List.of("002-budgets.sql", "003-report.sql", "004-transcripts.sql",
            "005-transcript-tail.sql", "006-one-writer.sql", "007_session_index.sql", "008-sources.sql",
            "009-reprice-and-speed.sql", "010-team.sql", "011-otlp.sql", "012-chunked-reprice.sql",
            "013-sync-tasks-refs.sql", "014-spend-by-source.sql", "015-spend-hour-first.sql",
            "016-durations-by-time.sql", "017-task-buckets.sql",
            "018-report-by-start.sql");

    static final int CURRENT_VERSION = 1 + MIGRATIONS.size();

    /** The version schema-postgres.sql was first written at: no PostgreSQL ledger is older. */
    static final int POSTGRES_BASELINE = 10;

    private Schema() {}

    static void migrate(Database db) {
        int before = db.read("read schema version", Schema::version);
        if (before == CURRENT_VERSION) {
            return;
        }
        boolean postgres = db.isPostgres();
        db.write("migrate ledger schema", c -> {
            int version = version(c);
            if (version > CURRENT_VERSION) {
                throw new LedgerException("ledger " + db.location() + " has schema version " + version
                        + " but this tokenomics knows versions up to " + CURRENT_VERSION
                        + ": upgrade tokenomics", null);
            }
            if (version == 0) {
                execute(c, resource(postgres ? "/db/schema-postgres.sql" : "/db/schema.sql"));
            } else {
                if (postgres && version < POSTGRES_BASELINE) {
                    throw new LedgerException("ledger " + db.location() + " has schema version " + version
                            + ", older than any PostgreSQL ledger tokenomics made (" + POSTGRES_BASELINE + ")", null);
                }
                for (int v = version; v < CURRENT_VERSION; v++) {
                    String name = MIGRATIONS.get(v - 1);
                    execute(c, resource((postgres ? "/db/postgres/migrations/" : "/db/migrations/") + name));
                    afterMigration(c, v + 1);
                    setVersion(c, v + 1);
                }
            }
            return null;
        });
    }

    /** What a migration needs that SQL cannot say. */
    private static void afterMigration(Connection c, int version) throws SQLException {
        if (version == 10) {
            // The stored events were recorded where the ledger lives: this machine.
            try (EventWriter w = new EventWriter(c)) {
                w.stampMissingMachine(Machines.local());
            }
        }
    }

    static int version(Connection c) throws SQLException {
        if (Dialect.of(c) == Dialect.POSTGRES) {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT to_regclass('tokenomics_schema') IS NOT NULL")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return 0;
                }
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT MAX(version) FROM tokenomics_schema")) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static void setVersion(Connection c, int version) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (Dialect.of(c) == Dialect.POSTGRES) {
                s.execute("UPDATE tokenomics_schema SET version = " + version);
            } else {
                s.execute("PRAGMA user_version = " + version);
            }
        }
    }

    static String resource(String path) {
        try (InputStream in = Schema.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("resource " + path + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + path, e);
        }
    }

    /**
     * Runs a script statement by statement. Statements end at ';' except inside a CREATE TRIGGER,
     * which ends at its END; scripts hold no ';' inside string literals.
     */
    static void execute(Connection c, String script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(script)) {
                s.execute(statement);
            }
        }
    }

    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inTrigger = false;
        for (String raw : script.split("\n", -1)) {
            int comment = raw.indexOf("--");
            String line = comment >= 0 ? raw.substring(0, comment) : raw;
            if (line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            String trimmed = line.strip().toUpperCase(java.util.Locale.ROOT);
            if (current.toString().stripLeading().toUpperCase(java.util.Locale.ROOT).startsWith("CREATE TRIGGER")) {
                inTrigger = true;
            }
            boolean ends = inTrigger ? trimmed.equals("END;") : trimmed.endsWith(";");
            if (ends) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1).strip());
                current.setLength(0);
                inTrigger = false;
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
