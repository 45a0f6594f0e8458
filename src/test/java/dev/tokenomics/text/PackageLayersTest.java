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
}
