package dev.tokenomics.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * The packages that views are built from never depend on the views: report turns budget and
 * transcripts results into JSON and text, so budget and transcripts (and what they stand on) must
 * not use report, or the two packages form a cycle. Shared formatting lives in text.
 */
class PackageLayersTest {
    static final Path MAIN = Path.of("src/main/java/dev/tokenomics");

    /** Package -> packages of ours it must not import. */
    static final Map<String, List<String>> FORBIDDEN = Map.of(
            "json", List.of("text", "ledger", "otlp", "pricing", "report", "budget", "transcripts", "claudecode", "mcp",
                    "cli", "http", "sync", "workflow", "bench"),
            "stats", List.of("json", "text", "ledger", "otlp", "pricing", "report", "budget", "transcripts", "claudecode",
                    "mcp", "cli", "http", "sync", "workflow", "bench"),
            "text", List.of("report", "budget", "transcripts", "mcp", "cli", "http"),
            "ledger", List.of("report", "budget", "transcripts", "mcp", "cli", "http", "otlp"),
            "otlp", List.of("report", "budget", "transcripts", "mcp", "cli", "http"),
            "pricing", List.of("report", "budget", "transcripts", "mcp", "cli", "http"),
            "budget", List.of("report", "mcp", "cli", "http"),
            "transcripts", List.of("report", "mcp", "cli", "http"),
            "claudecode", List.of("report", "mcp", "cli", "http"));

    static final Pattern OURS = Pattern.compile("dev\\.tokenomics\\.([a-z]+)\\.[A-Z]");

    @Test
    void noLowerPackageUsesAHigherOne() throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
            Path dir = MAIN.resolve(rule.getKey());
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    Matcher m = OURS.matcher(Files.readString(f));
                    while (m.find()) {
                        if (rule.getValue().contains(m.group(1))) {
                            found.add(MAIN.relativize(f) + " uses " + m.group(0));
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /**
     * Benchmark code lives in bench and stands on the rest; the product never uses it, except the
     * one line in cli.Main that offers the bench command.
     */
    @Test
    void onlyTheCommandLineEntryReachesTheBenchmarks() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
                String rel = MAIN.relativize(f).toString().replace('\\', '/');
                if (rel.startsWith("bench/") || rel.equals("cli/Main.java")) {
                    continue;
                }
                if (Files.readString(f).contains("dev.tokenomics.bench.")) {
                    found.add(rel);
                }
            }
        }
        assertEquals(List.of(), found);
        assertEquals(List.of(), Files.list(MAIN.resolve("cli"))
                .map(p -> p.getFileName().toString()).filter(n -> n.startsWith("Bench")).toList(),
                "benchmark classes belong in bench, not cli");
    }
}
