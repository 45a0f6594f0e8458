package dev.tokenomics.transcripts;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TranscriptBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lines of one chunk of a transcript file, parsed: the responses to record (one per record
 * key), the sessions they describe, and what was counted on the way.
 */
final class TranscriptChunk {
    final List<TranscriptBatch.Response> responses = new ArrayList<>();
    private final Map<String, TranscriptBatch.SessionSeen> sessions = new LinkedHashMap<>();
    /** The repo named by each cwd seen: a chunk repeats one or two, and parsing it as a path per line showed. */
    private final Map<String, String> repoOfCwd = new java.util.HashMap<>();
    long lines;
    long malformed;
    long synthetic;
    long duplicates;

    private TranscriptChunk() {}

    List<TranscriptBatch.SessionSeen> sessions() {
        return new ArrayList<>(sessions.values());
    }

    /**
     * Parses {@code data[from, length)}: lines ending in a newline, and with {@code finalLine} the
     * bytes after the last newline as one more line.
     */
    static TranscriptChunk parse(TranscriptFile f, byte[] data, int from, int length, boolean finalLine,
            long firstLine, Tally malformedSamples) {
        TranscriptChunk chunk = new TranscriptChunk();
        // The same response streamed over several lines: keep the largest snapshot, a main-chain
        // copy over a sidechain one (the ledger applies the same rule across chunks and files).
        Map<String, TranscriptBatch.Response> best = new LinkedHashMap<>();
        int start = from;
        for (int i; (i = ByteScan.indexOfNewline(data, start, length)) >= 0; start = i + 1) {
            chunk.line(best, f, data, start, i, firstLine, malformedSamples);
        }
        if (finalLine && start < length) {
            chunk.line(best, f, data, start, length, firstLine, malformedSamples);
        }
        chunk.responses.addAll(best.values());
        return chunk;
    }

    private void line(Map<String, TranscriptBatch.Response> best, TranscriptFile f, byte[] data, int from, int to,
            long firstLine, Tally malformedSamples) {
        lines++;
        TranscriptLine line = TranscriptParser.parse(data, from, to);
        switch (line.kind()) {
            case OTHER -> { }
            case SYNTHETIC -> synthetic++;
            case MALFORMED -> {
                malformed++;
                malformedSamples.add(f.path() + ":" + (firstLine + lines) + ": " + line.reason());
            }
            case RESPONSE -> {
                TranscriptBatch.Response r = response(f, line, data, from, to);
                String k = r.event().recordKey();
                TranscriptBatch.Response had = best.get(k);
                if (had == null || r.total() > had.total() || r.total() == had.total() && had.sidechain()
                        && !r.sidechain()) {
                    best.put(k, r);
                }
                if (had != null) {
                    duplicates++;
                }
                seen(f, line);
            }
        }
    }

    private TranscriptBatch.Response response(TranscriptFile f, TranscriptLine l, byte[] data, int from, int to) {
        String key = l.messageId() != null ? "cc:" + l.messageId() + ":" + (l.requestId() == null ? "" : l.requestId())
                : "cc:line:" + sha256(data, from, to).substring(0, 40);
        String session = l.sessionId() != null ? l.sessionId() : f.sessionId();
        String repo = l.cwd() == null ? null : repoOfCwd.computeIfAbsent(l.cwd(), TranscriptChunk::repo);
        boolean sidechain = l.sidechain() || f.subagent();
        EventInput e = new EventInput(key, l.ts(), null, null, null, session, null, null, repo, f.agentId(), l.model(),
                null, null, null, null, null, null, l.usage(), l.costUsd(), true,
                sidechain ? TranscriptBatch.SIDECHAIN : TranscriptBatch.SOURCE, l.apiError() ? "error" : "ok", null,
                l.speed());
        return new TranscriptBatch.Response(l.messageId(), l.requestId(), sidechain, e);
    }

    /** The cwd's last name (null for a root), kept as the event's repo. */
    private static String repo(String cwd) {
        Path name = Path.of(cwd).getFileName();
        return name == null ? null : name.toString();
    }

    private void seen(TranscriptFile f, TranscriptLine l) {
        String session = l.sessionId() != null ? l.sessionId() : f.sessionId();
        String k = session + "\u0000" + f.agentId();
        TranscriptBatch.SessionSeen had = sessions.get(k);
        if (had == null) {
            sessions.put(k, new TranscriptBatch.SessionSeen(session, f.agentId(), f.project(), l.cwd(),
                    l.gitBranch(), l.version(), l.ts(), l.ts(), f.subagent()));
        } else {
            sessions.put(k, new TranscriptBatch.SessionSeen(session, f.agentId(), f.project(),
                    l.cwd() != null ? l.cwd() : had.cwd(), l.gitBranch() != null ? l.gitBranch() : had.gitBranch(),
                    l.version() != null ? l.version() : had.version(), l.ts().isBefore(had.first()) ? l.ts() : had.first(),
                    l.ts().isAfter(had.last()) ? l.ts() : had.last(), f.subagent()));
        }
    }

    /**
     * The hash of the line as text: bytes that are not valid UTF-8 are first decoded to U+FFFD, as
     * when lines were read as strings, so a line's record key never changes between versions.
     */
    private static String sha256(byte[] data, int from, int to) {
        byte[] text = data;
        int start = from;
        int n = to - from;
        for (int i = from; i < to; i++) {
            if (data[i] < 0) {
                text = new String(data, from, to - from, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                start = 0;
                n = text.length;
                break;
            }
        }
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(text, start, n);
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
