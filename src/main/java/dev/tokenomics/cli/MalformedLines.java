package dev.tokenomics.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Lines a stdio MCP server must survive, each of which must get an error reply: the kinds a tester
 * sent to wedge the server (issue 10) and their neighbours. Used by {@code bench reliability} and
 * by the end-to-end test, so both speak of the same 36 lines.
 */
public final class MalformedLines {
    private MalformedLines() {}

    /** The 36 lines, as bytes (one is not valid UTF-8, one is 17 MiB); none holds a newline. */
    public static List<byte[]> all() {
        List<String> text = new ArrayList<>(List.of(
                "not json",
                "",
                "{}",
                "null",
                "[]",
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]",
                "NaN",
                "\"just a string\"",
                "42",
                "true",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"} trailing",
                "{'jsonrpc':'2.0','id':3,'method':'ping'}",
                "// a comment",
                "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"ping\"}",
                "{\"id\":5,\"method\":\"ping\"}",
                "{\"jsonrpc\":2.0,\"id\":6,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1e400,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"tools/list\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}",
                "{\"jsonrpc\":\"2.0\",\"id\":8}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\",\"params\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"tools/call\",\"params\":{\"name\":\"record_token_event\","
                        + "\"arguments\":[1200]}}",
                "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"tools/call\",\"params\":{\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":12,\"method\":\"tools/call\",\"params\":{\"name\":\"no_such_tool\","
                        + "\"arguments\":{}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":13,\"method\":\"no/such/method\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":14,\"id\":15,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":16,\"result\":{},\"error\":{\"code\":1,\"message\":\"x\"}}",
                "[".repeat(1_001) + "]".repeat(1_001),
                "{\"" + "k".repeat(50_000) + "\":1}"));
        List<byte[]> lines = new ArrayList<>();
        for (String t : text) {
            lines.add(t.getBytes(StandardCharsets.UTF_8));
        }
        // Not UTF-8: a lone continuation byte inside a string.
        lines.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'});
        lines.add(oversized());
        return lines;
    }

    /** A message over the 16 MiB a line may hold: a tools/call whose note alone is 17 MiB. */
    static byte[] oversized() {
        String head = "{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"tools/call\",\"params\":{\"name\":\"record_token_event\","
                + "\"arguments\":{\"input_tokens\":1,\"note\":\"";
        String tail = "\"}}}";
        byte[] out = new byte[head.length() + 17 * 1024 * 1024 + tail.length()];
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(h, 0, out, 0, h.length);
        java.util.Arrays.fill(out, h.length, out.length - tail.length(), (byte) 'x');
        byte[] t = tail.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, out, out.length - t.length, t.length);
        return out;
    }
}
