package dev.tokenomics.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for terminals and for the readable half of a tool result. Numbers are
 * right-aligned (a column whose every cell looks numeric), text left-aligned.
 */
public final class TextTable {
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private TextTable(List<String> headers) {
        this.headers = headers;
    }

    public static TextTable of(String... headers) {
        return new TextTable(Arrays.stream(headers).map(Visible::cell).toList());
    }

    public TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        // A cell is one line of plain text: a stored ESC or newline would break the table or the terminal.
        rows.add(Arrays.stream(cells).map(c -> c == null ? "--" : Visible.cell(c.toString())).toList());
        return this;
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public String render() {
        int n = headers.size();
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            width[i] = headers.get(i).length();
            boolean allNumeric = true;
            boolean anyNumber = false;
            for (List<String> r : rows) {
                width[i] = Math.max(width[i], r.get(i).length());
                allNumeric &= looksNumeric(r.get(i));
                anyNumber |= !r.get(i).equals("--") && looksNumeric(r.get(i));
            }
            // A column of only "--" is empty text, not numbers.
            numeric[i] = allNumeric && anyNumber;
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, width, numeric);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < n; i++) {
            rule.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        out.append(rule).append('\n');
        for (List<String> r : rows) {
            line(out, r, width, numeric);
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] width, boolean[] numeric) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            String pad = " ".repeat(width[i] - c.length());
            line.append(i == 0 ? "" : "  ").append(numeric[i] ? pad + c : c + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }

    /** Compiled once: a report's breakeven table can have thousands of cells. */
    private static final java.util.regex.Pattern NUMERIC =
            java.util.regex.Pattern.compile("[-+$]?[$]?[0-9][0-9,]*(\\.[0-9]+)?[%KMB]?( \\(.*\\))?");

    private static boolean looksNumeric(String cell) {
        return cell.equals("--") || NUMERIC.matcher(cell).matches();
    }
}
