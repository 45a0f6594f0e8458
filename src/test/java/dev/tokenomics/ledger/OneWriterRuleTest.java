package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The write path as a coding rule (as sqlite-jdbc keeps its rules as tests): no class but
 * EventWriter inserts, replaces or deletes token_events rows, no class but RollupDeltas writes a
 * rollup, and the schema has no trigger left to do it behind the writer's back.
 */
class OneWriterRuleTest {
    private static final Path MAIN = Path.of("src/main/java");
    private static final String VERBS = "(?:INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|REPLACE\\s+INTO|UPDATE(?:\\s+OR\\s+\\w+)?"
            + "|DELETE\\s+FROM)\\s+";
    private static final Pattern EVENTS = Pattern.compile("(?i)" + VERBS + "token_events\\b");
    private static final Pattern ROLLUPS = Pattern.compile(
            "(?i)" + VERBS + "(running_totals|spend_hourly|report_dims_hourly|report_tasks_hourly)\\b");
    /**
     * The benchmark's floor: the sqlite3 CLI inserting rows into a scratch file of its own, the
     * baseline the ledger is measured against. It never touches a ledger.
     */
    private static final Map<String, String> EXEMPT = Map.of(
            "dev/tokenomics/bench/ServerBench.java", "sqlite3 CLI baseline on a scratch file");

    @Test
    void onlyTheWriterWritesTokenEvents() throws IOException {
        assertEquals(List.of(), offenders(EVENTS, "dev/tokenomics/ledger/EventWriter.java"));
    }

    @Test
    void onlyTheDeltasWriteTheRollups() throws IOException {
        assertEquals(List.of(), offenders(ROLLUPS, "dev/tokenomics/ledger/RollupDeltas.java"));
    }

    @Test
    void theRuleSeesTheWritesItForbids() throws IOException {
        // The writer itself is found: the patterns match the SQL as this code base writes it.
        String writer = Files.readString(MAIN.resolve("dev/tokenomics/ledger/EventWriter.java"));
        Matcher m = EVENTS.matcher(writer);
        int found = 0;
        while (m.find()) {
            found++;
        }
        assertTrue(found >= 3, "insert, delete by key and prune: " + found);
        assertTrue(EVENTS.matcher("\"\"\"\n  update  token_events\n SET x = 1").find());
        assertTrue(EVENTS.matcher("\"INSERT OR REPLACE INTO token_events (a)").find());
        assertFalse(EVENTS.matcher("SELECT * FROM token_events").find());
    }

    @Test
    void theSchemaHasNoTriggers() throws IOException {
        String schema = Files.readString(Path.of("schema.sql"));
        assertFalse(Pattern.compile("(?i)CREATE\\s+TRIGGER").matcher(schema).find(),
                "schema.sql must not keep rollups with triggers: the writer keeps them");
    }

    private static List<String> offenders(Pattern pattern, String allowed) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                if (rel.equals(allowed) || EXEMPT.containsKey(rel)) {
                    continue;
                }
                Matcher m = pattern.matcher(Files.readString(f));
                while (m.find()) {
                    out.add(rel + ": " + m.group().replaceAll("\\s+", " "));
                }
            }
        }
        return out;
    }
}
