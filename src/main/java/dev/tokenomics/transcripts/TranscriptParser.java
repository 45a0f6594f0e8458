package dev.tokenomics.transcripts;

import java.nio.charset.StandardCharsets;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one line of a Claude Code transcript. Only lines that carry usage ({@code "usage"} appears
 * in their bytes) are parsed as JSON; the others (user turns with large tool results, summaries)
 * are only checked to be one JSON object on one line, which keeps an import of hundreds of MB fast.
 * A line that carries usage is read with Jackson's streaming parser, keeping only the fields a
 * response needs, instead of building a tree of the whole line. A line that fails a check is
 * malformed, with a reason that names the field.
 */
final class TranscriptParser {
    // A parser per line takes and returns its buffers: from a per-thread pool that is a field read;
    // from the default shared deque it was a third of the reader thread's time (JFR).
    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.threadLocalPool()).build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** A parser from the factory alone skips the mapper's per-parser context: most of a line's cost. */
    private static final TokenStreamFactory FACTORY = JSON.tokenStreamFactory();

    private TranscriptParser() {}

    /** Parses {@code data[from, to)}, one line without its newline. */
    static TranscriptLine parse(byte[] data, int from, int to) {
        // Ends found by index: user lines carry large tool results, not worth copying.
        int first = from;
        int last = to - 1;
        while (first <= last && asciiSpace(data[first])) {
            first++;
        }
        while (last >= first && asciiSpace(data[last])) {
            last--;
        }
        if (first > last) {
            return TranscriptLine.OTHER; // a blank line carries nothing and breaks nothing
        }
        if (data[first] < 0 || data[last] < 0) {
            // A non-ASCII end may be Unicode white space, which the text rules below trim too.
            return parse(new String(data, from, to - from, StandardCharsets.UTF_8));
        }
        if (data[first] != '{' || data[last] != '}') {
            return TranscriptLine.malformed("not a JSON object");
        }
        if (ByteScan.indexOfUsage(data, first, last + 1) < 0) {
            return TranscriptLine.OTHER;
        }
        try {
            try {
                return read(FACTORY.createParser(ObjectReadContext.empty(), data, first, last + 1 - first), false);
            } catch (ResponseFields.NeedsTree e) {
                return read(JSON.createParser(data, first, last + 1 - first), true);
            }
        } catch (JacksonException e) {
            // Invalid UTF-8 or bad JSON: read the decoded text, as every earlier version did, so a
            // stray byte in a text field still counts the response and a bad line keeps its reason.
            return parse(new String(data, from, to - from, StandardCharsets.UTF_8));
        }
    }

    static TranscriptLine parse(String line) {
        int first = 0;
        int last = line.length() - 1;
        while (first <= last && Character.isWhitespace(line.charAt(first))) {
            first++;
        }
        while (last >= first && Character.isWhitespace(line.charAt(last))) {
            last--;
        }
        if (first > last) {
            return TranscriptLine.OTHER;
        }
        if (line.charAt(first) != '{' || line.charAt(last) != '}') {
            return TranscriptLine.malformed("not a JSON object");
        }
        if (!line.contains("\"usage\"")) {
            return TranscriptLine.OTHER;
        }
        try {
            return read(JSON.createParser(line), true);
        } catch (JacksonException e) {
            String why = e.getOriginalMessage();
            int cut = why.indexOf(" (");
            return TranscriptLine.malformed("bad JSON: " + (cut > 0 ? why.substring(0, cut) : why));
        }
    }

    private static TranscriptLine read(JsonParser p, boolean trees) {
        ResponseFields f = new ResponseFields(trees);
        try (p) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("the caller checked for a leading {");
            }
            f.root(p);
            if (p.nextToken() != null) {
                return TranscriptLine.malformed("bad JSON: Trailing token");
            }
        }
        if (!f.carriesUsage()) {
            return TranscriptLine.OTHER; // "usage" was text inside another kind of line
        }
        try {
            return f.response();
        } catch (IllegalArgumentException e) {
            return TranscriptLine.malformed(e.getMessage());
        }
    }

    /**
     * Whether text (a last line without its newline) is one whole JSON object. A prefix of a line
     * still being written never is: an object is only complete at its closing brace.
     */
    static boolean isCompleteObject(String text) {
        String t = text.strip();
        if (t.isEmpty() || t.charAt(0) != '{' || t.charAt(t.length() - 1) != '}') {
            return false;
        }
        try {
            return JSON.readTree(t).isObject();
        } catch (JacksonException e) {
            return false;
        }
    }

    private static boolean asciiSpace(byte b) {
        // The ASCII characters Character.isWhitespace accepts.
        return b == ' ' || b >= 0x09 && b <= 0x0d || b >= 0x1c && b <= 0x1f;
    }
}
