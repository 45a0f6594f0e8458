package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.TokenLedger;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Claude Code session's transcripts, as a statusline or a hook names them by
 * {@code transcript_path}: the session file and its subagents' ({@code <session>/subagents/*.jsonl}
 * beside it), imported with the same cursors as a whole-tree import, so only new lines are read.
 */
public final class SessionTranscripts {
    private SessionTranscripts() {}

    /**
     * The session file and its subagents' files. A transcript that is not there, cannot be read or
     * is not under {@code <claude dir>/projects/<project>/} is refused, before anything is opened.
     */
    public static List<Path> files(Path transcript) {
        if (!Files.isRegularFile(transcript)) {
            throw new IllegalArgumentException("transcript_path " + transcript + " is not a file");
        }
        if (!Files.isReadable(transcript)) {
            throw new IllegalArgumentException("transcript_path " + transcript + " cannot be read");
        }
        Path abs = transcript.toAbsolutePath();
        if (abs.getParent() == null || abs.getParent().getParent() == null) {
            throw new IllegalArgumentException("transcript_path " + transcript
                    + " is not under <claude dir>/projects/<project>/");
        }
        List<Path> subagents = new ArrayList<>();
        String name = abs.getFileName().toString();
        Path dir = abs.resolveSibling(name.endsWith(".jsonl") ? name.substring(0, name.length() - 6) : name)
                .resolve("subagents");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jsonl")) {
                for (Path p : ds) {
                    if (Files.isRegularFile(p) && Files.isReadable(p)) {
                        subagents.add(p);
                    }
                }
            } catch (IOException e) {
                // The main transcript still counts; the subagents wait for the next run or a full import.
            }
        }
        subagents.sort(null);
        List<Path> out = new ArrayList<>(subagents.size() + 1);
        out.add(abs);
        out.addAll(subagents);
        return out;
    }

    /** Imports the new lines of {@code files} (from {@link #files}); the projects folder is the session file's grandparent. */
    public static ImportSummary importNew(TokenLedger ledger, List<Path> files) {
        return new TranscriptImporter(ledger, TranscriptImporter.Progress.NONE)
                .runFiles(files.get(0).getParent().getParent(), files);
    }
}
