package dev.tokenomics.refs;

import dev.tokenomics.ledger.Ref;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a local repository's history with {@code git log --numstat} into refs with their size, so
 * cost per LOC needs no GitHub API. Every commit becomes a {@code commit} ref (full SHA); a merge
 * commit whose subject names a PR ("Merge pull request #123 from ...", or any "#123") and a squash
 * merge whose subject ends "(#123)" also become a {@code pr} ref with id "123". A merge's size is
 * its diff against its first parent: what the PR brought to the branch.
 */
public final class GitRefs {
    private static final Pattern MERGE_PR = Pattern.compile("#(\\d+)");
    private static final Pattern SQUASH_PR = Pattern.compile("\\(#(\\d+)\\)\\s*$");
    private static final char RECORD = '\u001e';
    private static final char FIELD = '\u001f';
    private static final long TIMEOUT_MINUTES = 10;

    /** What an import read: the refs in oldest-to-newest order (so the newest wins an upsert). */
    public record Imported(String repo, int commits, int pullRequests, List<Ref> refs) {}

    private GitRefs() {}

    public static Imported read(Path dir, LocalDate since) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("--path must be a folder in a git repository, got " + dir);
        }
        String top = run(dir, List.of("git", "-C", dir.toString(), "rev-parse", "--show-toplevel")).strip();
        Path topPath = Path.of(top).getFileName();
        String repo = topPath == null ? top : topPath.toString();
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString(), "log", "--numstat",
                "--diff-merges=first-parent", "--no-color", "--no-renames",
                "--format=" + RECORD + "%H" + FIELD + "%P" + FIELD + "%cI" + FIELD + "%s"));
        if (since != null) {
            cmd.add("--since=" + since + "T00:00:00");
        }
        return parse(repo, run(dir, cmd));
    }

    /** Parses the log text (see the format in {@link #read}); public for tests. */
    public static Imported parse(String repo, String log) {
        List<Ref> refs = new ArrayList<>();
        int commits = 0;
        int prs = 0;
        for (String record : log.split(String.valueOf(RECORD))) {
            if (record.isBlank()) {
                continue;
            }
            String[] lines = record.split("\n");
            String[] head = lines[0].split(String.valueOf(FIELD), -1);
            if (head.length < 4) {
                throw new IllegalStateException("unexpected git log line: " + lines[0]);
            }
            long added = 0;
            long removed = 0;
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t");
                if (f.length >= 3) {
                    added += count(f[0]);
                    removed += count(f[1]);
                }
            }
            String sha = head[0];
            boolean merge = head[1].strip().contains(" ");
            var when = OffsetDateTime.parse(head[2]).toInstant();
            String subject = head[3];
            refs.add(new Ref("commit", sha, repo, subject, added, removed, when, "git"));
            commits++;
            Matcher m = merge ? MERGE_PR.matcher(subject) : SQUASH_PR.matcher(subject);
            if (m.find()) {
                refs.add(new Ref("pr", m.group(1), repo, subject, added, removed, when, "git"));
                prs++;
            }
        }
        Collections.reverse(refs);
        return new Imported(repo, commits, prs, refs);
    }

    /** "-" is a binary file: no lines. */
    private static long count(String s) {
        return s.equals("-") ? 0 : Long.parseLong(s.strip());
    }

    private static String run(Path dir, List<String> cmd) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git (is it installed and on PATH?): " + e.getMessage(), e);
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        String out = readAll(p.getInputStream());
        try {
            if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IllegalStateException("git did not finish within " + TIMEOUT_MINUTES + " minutes in " + dir);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IllegalStateException("interrupted while reading git history", e);
        }
        if (p.exitValue() != 0) {
            throw new IllegalArgumentException("git failed in " + dir + " (exit " + p.exitValue() + "): "
                    + err.join().strip());
        }
        return out;
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read git output: " + e.getMessage(), e);
        }
    }
}
