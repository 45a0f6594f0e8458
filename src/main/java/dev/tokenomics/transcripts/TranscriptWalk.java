package dev.tokenomics.transcripts;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;

/**
 * Finds {@code <dir>/projects/**}{@code /*.jsonl}, following symbolic links ({@code projects/}
 * itself, project folders, files), and names what it cannot read instead of stopping there: one
 * unreadable folder or dangling link must not hide the files after it. A folder link back to a
 * folder already being walked is not followed again ({@link Files#walkFileTree} detects the loop
 * when {@link FileVisitOption#FOLLOW_LINKS} is given) and is named as a skipped link.
 */
final class TranscriptWalk {
    /** A transcript file as found, with the attributes the walk read anyway (one stat per file). */
    record Found(Path projects, Path path, BasicFileAttributes attrs) {}

    private TranscriptWalk() {}

    /** Found files in path order; {@code unreadable} and {@code loops} get {@code path: reason}. */
    static List<Found> walk(List<Path> dirs, Tally unreadable, Tally loops) {
        List<Found> out = new ArrayList<>();
        for (Path dir : dirs) {
            Path projects = dir.resolve("projects").toAbsolutePath();
            if (Files.notExists(projects, LinkOption.NOFOLLOW_LINKS)) {
                continue; // a Claude dir that has never run a session
            }
            try {
                Files.walkFileTree(projects, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new Visitor(projects, out, unreadable, loops));
            } catch (IOException e) {
                // The visitor never throws; this is the walk failing to start at all.
                unreadable.add(projects + ": " + reason(e));
            }
        }
        out.sort(Comparator.comparing(Found::path));
        return out;
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final Path projects;
        private final List<Found> out;
        private final Tally unreadable;
        private final Tally loops;

        Visitor(Path projects, List<Found> out, Tally unreadable, Tally loops) {
            this.projects = projects;
            this.out = out;
            this.unreadable = unreadable;
            this.loops = loops;
        }

        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes a) {
            if (a.isSymbolicLink()) {
                // Following links, the walk hands over a link's own attributes only when its target
                // is not there: a file or project folder that would be imported is missing.
                unreadable.add(p + ": dangling symbolic link to " + target(p));
            } else if (a.isRegularFile() && p.getFileName().toString().endsWith(".jsonl")) {
                out.add(new Found(projects, p, a));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path p, IOException e) {
            if (e instanceof FileSystemLoopException) {
                loops.add(p + ": symbolic link back to " + target(p) + ", a folder already being walked");
            } else {
                unreadable.add(p + ": " + reason(e));
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path d, IOException e) {
            if (e != null) { // listing the folder failed part way
                unreadable.add(d + ": " + reason(e));
            }
            return FileVisitResult.CONTINUE;
        }
    }

    private static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "(unknown target)";
        }
    }

    /** Why a path could not be read, in words: the exception's own message repeats the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file (deleted or moved while importing)";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
