package dev.tokenomics.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.tokenomics.json.ResultJson;
import dev.tokenomics.text.Csv;
import dev.tokenomics.transcripts.UsageResults;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers of summary, usage, events and breakdown as CSV (RFC 4180, see {@link Csv}): the same
 * values as their JSON, one row per JSON row. The columns come from the row's result record, so a
 * table with no rows still has its header, and a column never drifts from the JSON key it holds:
 * a component's JSON name, an unwrapped record's columns in its place, a nested record's columns
 * as {@code parent.child}; a list of plain values is one field joined with ';'; lists of rows and
 * maps are left out of a row (they are tables of their own). An empty field is null: an unpriced
 * cost is empty, never 0.
 */
public final class CsvTables {
    private CsvTables() {}

    /** One column: its header and the JSON keys that lead from a row to its value. */
    record Column(String header, List<String> path) {
        Object value(Map<String, Object> row) {
            Object v = row;
            for (String key : path) {
                if (!(v instanceof Map<?, ?> m)) {
                    return null;
                }
                v = m.get(key);
            }
            if (v instanceof List<?> list) {
                List<String> parts = new ArrayList<>();
                list.forEach(e -> parts.add(String.valueOf(e)));
                return String.join(";", parts);
            }
            return v;
        }
    }

    /** The columns of a row of {@code type}, a result record. */
    static List<Column> columns(Class<?> type) {
        List<Column> out = new ArrayList<>();
        add(type, List.of(), out);
        return out;
    }

    private static void add(Class<?> type, List<String> at, List<Column> out) {
        for (RecordComponent c : type.getRecordComponents()) {
            add(c, at, out);
        }
    }

    static void add(RecordComponent c, List<String> at, List<Column> out) {
        Class<?> t = c.getType();
        if (c.getAccessor().isAnnotationPresent(JsonUnwrapped.class)) {
            add(t, at, out); // Jackson writes its keys in the parent's place
            return;
        }
        List<String> path = new ArrayList<>(at);
        path.add(jsonName(c));
        if (t.isRecord()) {
            add(t, path, out);
        } else if (List.class.isAssignableFrom(t)) {
            if (!isRecord(typeArgument(c, 0))) {
                out.add(new Column(String.join(".", path), path));
            }
        } else if (!Map.class.isAssignableFrom(t) && !t.isInterface()) {
            out.add(new Column(String.join(".", path), path));
        }
    }

    /** The key Jackson writes the component under ({@link ResultJson}). */
    static String jsonName(RecordComponent c) {
        JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
        return named != null && !named.value().isEmpty() ? named.value() : ResultJson.name(c.getName());
    }

    static Type typeArgument(RecordComponent c, int i) {
        return c.getGenericType() instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }

    static boolean isRecord(Type t) {
        return t instanceof Class<?> k && k.isRecord();
    }

    /** A header line and one line per row. */
    static Csv table(Csv csv, List<Column> columns, List<Map<String, Object>> rows) {
        csv.row(columns.stream().map(Column::header).toList());
        for (Map<String, Object> row : rows) {
            csv.row(columns.stream().map(col -> col.value(row)).toList());
        }
        return csv;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Object o) {
        return o instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /**
     * get_token_summary's answer: a row for the whole scope ({@code group} total), then one per
     * model, agent, source and machine. The columns are the summary's own: cache_creation_tokens
     * there is every cache write, cache_creation_1h_tokens the 1-hour part.
     */
    public static String summary(Map<String, Object> answer) {
        List<Column> totals = columns(Results.Totals.class);
        Csv csv = Csv.create();
        List<Object> header = new ArrayList<>(List.of("group", "name"));
        totals.forEach(c -> header.add(c.header()));
        csv.row(header);
        Object id = answer.get("scope_id");
        summaryRow(csv, "total", id == null ? answer.get("scope") : id, answer, totals);
        for (String group : List.of("model", "agent", "source", "machine")) {
            map(answer.get("by_" + group)).forEach((name, t) -> summaryRow(csv, group, name, map(t), totals));
        }
        return csv.render();
    }

    private static void summaryRow(Csv csv, String group, Object name, Map<String, Object> t, List<Column> totals) {
        List<Object> row = new ArrayList<>(List.of(group, name));
        totals.forEach(c -> row.add(c.value(t)));
        csv.row(row);
    }

    /** list_token_events' page: one row per event, every column. */
    public static String events(Map<String, Object> answer) {
        return table(Csv.create(), columns(Results.Event.class), rows(answer.get("events"))).render();
    }

    /** get_usage's rows, one per period, session or block; {@code perModel}: one per row and model instead. */
    public static String usage(Map<String, Object> answer, boolean perModel) {
        String view = String.valueOf(answer.get("view"));
        Class<?> type = switch (view) {
            case "daily" -> UsageResults.DayRow.class;
            case "weekly" -> UsageResults.WeekRow.class;
            case "monthly" -> UsageResults.MonthRow.class;
            case "session" -> UsageResults.SessionRow.class;
            case "blocks" -> UsageResults.BlockRow.class;
            default -> throw new IllegalArgumentException("view must be daily, weekly, monthly, session or blocks, got "
                    + view);
        };
        List<Map<String, Object>> rows = rows(answer.get(view.equals("session") ? "sessions" : view));
        List<Column> columns = columns(type);
        if (!perModel) {
            return table(Csv.create(), columns, rows).render();
        }
        // The row's first column (its date, week, month, session or block start), then the model's sums:
        // the lines add up to the totals, with no subtotal line between them to count twice.
        Column lead = columns.get(0);
        List<Column> perModelColumns = new ArrayList<>(List.of(lead));
        perModelColumns.addAll(columns(UsageResults.ModelTokens.class));
        List<Map<String, Object>> lines = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            for (Map<String, Object> model : rows(row.get("model_breakdowns"))) {
                Map<String, Object> line = new LinkedHashMap<>(model);
                line.put(lead.header(), lead.value(row));
                lines.add(line);
            }
        }
        return table(Csv.create(), perModelColumns, lines).render();
    }

    /** breakdown's rows, then the "(other)" row of the rows past top: together they add up to total. */
    public static String breakdown(Map<String, Object> answer) {
        boolean groups = "groups".equals(answer.get("view"));
        List<Column> columns = columns(groups ? BreakdownResults.GroupRow.class : BreakdownResults.EventRow.class);
        List<Map<String, Object>> rows = new ArrayList<>(rows(answer.get("rows")));
        if (answer.get("other") instanceof Map<?, ?>) {
            Map<String, Object> other = new LinkedHashMap<>(map(answer.get("other")));
            other.put(columns.get(0).header(), Breakdowns.OTHER);
            rows.add(other);
        }
        return table(Csv.create(), columns, rows).render();
    }
}
