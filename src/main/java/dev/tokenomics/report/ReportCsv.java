package dev.tokenomics.report;

import static dev.tokenomics.report.CsvTables.columns;
import static dev.tokenomics.report.CsvTables.isRecord;
import static dev.tokenomics.report.CsvTables.jsonName;
import static dev.tokenomics.report.CsvTables.map;
import static dev.tokenomics.report.CsvTables.rows;
import static dev.tokenomics.report.CsvTables.typeArgument;

import dev.tokenomics.report.CsvTables.Column;
import dev.tokenomics.text.Csv;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The report's JSON as CSV blocks, one per table, each named on a '#' line before its header:
 * <ul>
 *   <li>{@code # <table>}: the table's rows (its {@code rows}, or the cross table's {@code cells}),
 *       the {@code total} row last where it has one; a table without rows (coverage, concurrency)
 *       is its fields as one row;
 *   <li>{@code # <table>.summary}: a table's other fields (a fit, a crossing, the LOC), as one row;
 *   <li>{@code # <table>.<key>}: a list or map of rows inside it ({@code stage-medians.top_consumers},
 *       {@code coverage.by_source}, and {@code coverage.unpriced_models} as key,value).
 * </ul>
 * The headline, the model mix, the cache estimate, the right-sizing estimate and (when a session was
 * both self-reported and measured) the reconciliation come first, as {@code # headline},
 * {@code # model_mix}, {@code # cache}, {@code # right_sizing} and {@code # reconciliation}. A per-day report prefixes each name with its date
 * ({@code # 2026-11-02 stage}); day_json and history are one block, {@code # days}. Blocks are
 * separated by an empty line. Names and columns are the JSON's keys (see {@link CsvTables}).
 */
public final class ReportCsv {
    /** A table's fields that are words for people, not data. */
    private static final Set<String> PROSE = Set.of("title", "read");

    private ReportCsv() {}

    public static String render(Map<String, Object> answer) {
        Csv csv = Csv.create();
        String mode = String.valueOf(answer.get("mode"));
        switch (mode) {
            case "report" -> report(csv, "", answer);
            case "per_day" -> rows(answer.get("days")).forEach(day -> report(csv, day.get("date") + " ", map(day.get("report"))));
            case "day_json", "history" -> block(csv, "days", columns(ReportResults.DayObject.class), rows(answer.get("days")));
            default -> throw new IllegalArgumentException("mode must be report, per_day, day_json or history, got " + mode);
        }
        return csv.render();
    }

    private static void report(Csv csv, String prefix, Map<String, Object> report) {
        block(csv, prefix + "headline", columns(ReportResults.HeadlineBlock.class), List.of(map(report.get("headline"))));
        block(csv, prefix + "model_mix", columns(ReportResults.ModelRow.class), rows(report.get("model_mix")));
        block(csv, prefix + "cache", columns(ReportResults.Cache.class), List.of(map(report.get("cache"))));
        block(csv, prefix + "right_sizing", columns(ReportResults.RightSizingRow.class),
                rows(map(report.get("right_sizing")).get("rows")));
        Map<String, Object> reconciliation = map(report.get("reconciliation"));
        if (reconciliation.get("sessions") instanceof Number n && n.longValue() > 0) {
            block(csv, prefix + "reconciliation", columns(ReportResults.Reconciliation.class), List.of(reconciliation));
        }
        Map<String, Object> tables = map(report.get("tables"));
        for (RecordComponent t : ReportResults.Tables.class.getRecordComponents()) {
            String name = jsonName(t);
            if (tables.get(name) instanceof Map<?, ?>) {
                table(csv, prefix + name, t.getType(), map(tables.get(name)));
            }
        }
    }

    /** One table's blocks, from its record type: which parts are rows, which are fields. */
    private static void table(Csv csv, String name, Class<?> type, Map<String, Object> table) {
        List<Column> rowColumns = null;
        List<Map<String, Object>> rows = new ArrayList<>();
        Map<String, Object> totalRow = null;
        List<Column> fields = new ArrayList<>();
        Map<String, Runnable> parts = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            String key = jsonName(c);
            Object value = table.get(key);
            if (PROSE.contains(key)) {
                continue;
            }
            if (List.class.isAssignableFrom(c.getType()) && isRecord(typeArgument(c, 0))) {
                List<Column> columns = columns((Class<?>) typeArgument(c, 0));
                if (key.equals("rows") || key.equals("cells")) {
                    rowColumns = columns;
                    rows.addAll(rows(value));
                } else {
                    parts.put(key, () -> block(csv, name + "." + key, columns, rows(value)));
                }
            } else if (Map.class.isAssignableFrom(c.getType())) {
                parts.put(key, () -> mapBlock(csv, name + "." + key, c, map(value)));
            } else if (key.equals("total") && c.getType().isRecord()) {
                totalRow = map(value);
            } else {
                CsvTables.add(c, List.of(), fields);
            }
        }
        if (totalRow != null) {
            rows.add(totalRow);
        }
        if (rowColumns != null) {
            block(csv, name, rowColumns, rows);
            if (!fields.isEmpty()) {
                block(csv, name + ".summary", fields, List.of(table));
            }
        } else {
            block(csv, name, fields, List.of(table));
        }
        parts.values().forEach(Runnable::run);
    }

    /** A map's entries as rows: the key, then the value's columns (a record) or the value itself. */
    private static void mapBlock(Csv csv, String name, RecordComponent c, Map<String, Object> entries) {
        List<Column> columns = new ArrayList<>(List.of(new Column("key", List.of("key"))));
        boolean records = isRecord(typeArgument(c, 1));
        if (records) {
            columns.addAll(columns((Class<?>) typeArgument(c, 1)));
        } else {
            columns.add(new Column("value", List.of("value")));
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        entries.forEach((k, v) -> {
            Map<String, Object> row = new LinkedHashMap<>(records ? map(v) : Map.of());
            row.put("key", k);
            if (!records) {
                row.put("value", v);
            }
            rows.add(row);
        });
        block(csv, name, columns, rows);
    }

    private static void block(Csv csv, String name, List<Column> columns, List<Map<String, Object>> rows) {
        if (!csv.isEmpty()) {
            csv.blank();
        }
        csv.comment(name);
        CsvTables.table(csv, columns, rows);
    }
}
