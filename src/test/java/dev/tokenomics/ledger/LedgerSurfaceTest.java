package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The ledger package shows the rest of the program a few feature facades (events, tasks, reports,
 * rollups, imports, budgets, insights, sync) reached from {@link TokenLedger}, and value types. Its
 * connection pool, SQL stores, writer and schema stay inside: nothing outside can run SQL on the
 * ledger or write token_events around the one writer.
 */
class LedgerSurfaceTest {
    private static final Path LEDGER = Path.of("src/main/java/dev/tokenomics/ledger");
    private static final List<String> INTERNALS = List.of("Database", "EventWriter", "EventStore", "EventRow",
            "RollupDeltas", "StatementCache", "Repricer", "CostFollower", "Schema", "Dialect", "PostgresPool",
            "NativeLibrary");

    @Test
    void theStoresThePoolAndTheWriterAreNotPublic() throws Exception {
        List<String> names = new ArrayList<>(INTERNALS);
        try (Stream<Path> files = Files.list(LEDGER)) {
            files.map(p -> p.getFileName().toString().replace(".java", "")).filter(n -> n.endsWith("Store"))
                    .forEach(names::add);
        }
        assertTrue(names.size() > INTERNALS.size() + 5, "the stores were found: " + names);
        List<String> visible = new ArrayList<>();
        for (String n : names) {
            if (Modifier.isPublic(Class.forName("dev.tokenomics.ledger." + n).getModifiers())) {
                visible.add(n);
            }
        }
        assertEquals(List.of(), visible);
    }

    @Test
    void tokenLedgerIsAHandleOnFacadesAndNoPublicMethodSpeaksSql() throws IOException {
        List<String> methods = Arrays.stream(TokenLedger.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers())).map(Method::getName).distinct().sorted().toList();
        assertTrue(methods.size() <= 22, "TokenLedger's public methods: " + methods);
        List<String> sql = new ArrayList<>();
        try (Stream<Path> files = Files.list(LEDGER)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Class<?> c = classOf(f);
                if (!Modifier.isPublic(c.getModifiers())) {
                    continue;
                }
                for (Method m : c.getDeclaredMethods()) {
                    boolean takesConnection = Arrays.asList(m.getParameterTypes()).contains(Connection.class);
                    if (Modifier.isPublic(m.getModifiers()) && (takesConnection || m.getReturnType() == Connection.class)) {
                        sql.add(c.getSimpleName() + "." + m.getName());
                    }
                }
            }
        }
        assertEquals(List.of(), sql, "public methods that hand out or take a raw connection");
    }

    private static Class<?> classOf(Path file) {
        try {
            return Class.forName("dev.tokenomics.ledger." + file.getFileName().toString().replace(".java", ""));
        } catch (ClassNotFoundException e) {
            throw new AssertionError(file + " has no class of its name", e);
        }
    }
}
