package dev.tokenomics.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmarks' scratch folder: gone afterwards, even after a failure, unless kept on purpose. */
class ScratchTest {
    @TempDir
    Path tmp;

    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);

    private static void fill(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tree/projects/-home-me-app"));
        Files.writeString(dir.resolve("tree/projects/-home-me-app/s.jsonl"), "{}\n");
        Files.writeString(dir.resolve("bench.db"), "x");
    }

    private List<Path> left() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    @Test
    void aTempScratchIsRemovedWhenTheRunEnds() throws Exception {
        try (Scratch s = Scratch.open(null, tmp, "bench-", false, out)) {
            fill(s.dir());
        }
        assertEquals(List.of(), left());
        assertEquals("", printed.toString());
    }

    @Test
    void aTempScratchIsRemovedWhenTheRunFails() throws Exception {
        assertThrows(IllegalStateException.class, () -> {
            try (Scratch s = Scratch.open(null, tmp, "bench-", false, out)) {
                fill(s.dir());
                throw new IllegalStateException("ccusage failed");
            }
        });
        assertEquals(List.of(), left());
    }

    @Test
    void keepKeepsItAndSaysWhere() throws Exception {
        Path dir;
        try (Scratch s = Scratch.open(null, tmp, "bench-", true, out)) {
            dir = s.dir();
            fill(dir);
        }
        assertTrue(Files.isRegularFile(dir.resolve("bench.db")));
        assertEquals("scratch kept in " + dir, printed.toString().strip());
    }

    @Test
    void aFolderTheUserNamedIsKept() throws Exception {
        Path mine = tmp.resolve("mine");
        try (Scratch s = Scratch.open(mine, tmp, "bench-", false, out)) {
            fill(s.dir());
        }
        assertTrue(Files.isRegularFile(mine.resolve("tree/projects/-home-me-app/s.jsonl")));
        assertFalse(printed.toString().isEmpty());
    }
}
