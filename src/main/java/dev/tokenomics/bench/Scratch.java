package dev.tokenomics.bench;

import dev.tokenomics.cli.*;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A benchmark's scratch folder. A new temp folder is removed on close, also when the run failed
 * (a bench leaves hundreds of MB); it is kept, and its place printed, with --keep or when the
 * user named the folder (theirs to reuse).
 */
final class Scratch implements AutoCloseable {
    private final Path dir;
    private final boolean keep;
    private final PrintWriter out;

    private Scratch(Path dir, boolean keep, PrintWriter out) {
        this.dir = dir;
        this.keep = keep;
        this.out = out;
    }

    /** {@code given} when not null (created, kept), else a new folder named {@code prefix...} in the temp folder. */
    static Scratch open(Path given, String prefix, boolean keep, PrintWriter out) throws IOException {
        return open(given, Path.of(System.getProperty("java.io.tmpdir")), prefix, keep, out);
    }

    static Scratch open(Path given, Path tempRoot, String prefix, boolean keep, PrintWriter out) throws IOException {
        if (given != null) {
            return new Scratch(Files.createDirectories(given), true, out);
        }
        return new Scratch(Files.createTempDirectory(tempRoot, prefix), keep, out);
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (keep) {
            out.println("scratch kept in " + dir);
        } else {
            try {
                Launcher.deleteTree(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not remove the scratch folder " + dir, e);
            }
        }
        out.flush();
    }
}
