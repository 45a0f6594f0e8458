package dev.tokenomics.cli;

import dev.tokenomics.text.Visible;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code --format} of a command that prints a tool's answer: text (the tool's own text), json (its
 * structuredContent, as {@code --json} prints it), or a form made from that JSON (csv, markdown),
 * so every form holds the same values.
 */
final class OutputFormat {
    static final String TEXT = "text";
    static final String JSON = "json";
    static final String CSV = "csv";
    static final String MARKDOWN = "markdown";
    /** The forms of a command whose answer is one table: its text, its JSON, or its rows as CSV. */
    static final List<String> TABLE_FORMS = List.of(TEXT, JSON, CSV);

    private OutputFormat() {}

    /**
     * The form asked for: {@code --format}, else json with {@code --json}, else text. Null, after
     * saying why on {@code err}, when the form is not one of {@code allowed} or --json disagrees.
     */
    static String resolve(String format, boolean json, List<String> allowed, PrintWriter err) {
        String form = format == null ? (json ? JSON : TEXT) : format;
        if (!allowed.contains(form)) {
            err.println("error: --format must be one of " + String.join(", ", allowed) + "; got '" + Visible.cell(form)
                    + "'");
            err.flush();
            return null;
        }
        if (json && !form.equals(JSON)) {
            err.println("error: --json asks for json but --format asks for " + form + "; give one of them");
            err.flush();
            return null;
        }
        return form;
    }

    /** Prints {@code result} in {@code form}; csv and markdown are {@code render} of its JSON. Returns the exit code. */
    @SuppressWarnings("unchecked")
    static int print(CallToolResult result, String form, Function<Map<String, Object>, String> render, PrintWriter out,
            PrintWriter err) {
        if (form.equals(TEXT) || form.equals(JSON) || Boolean.TRUE.equals(result.isError())) {
            return ToolRunner.print(result, form.equals(JSON), out, err);
        }
        out.print(render.apply((Map<String, Object>) result.structuredContent()));
        out.flush();
        return Exit.OK;
    }
}
