package dev.tokenomics.report;

import dev.tokenomics.ledger.DayDetail;
import dev.tokenomics.ledger.Rollup;
import dev.tokenomics.json.ResultJson;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.pricing.PriceTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's four modes, each returning JSON (structuredContent) and text: one report over the
 * window; one report per day; one compact object per day; history from the rollups alone.
 */
public final class ReportModes {
    /** --per-day without a window covers this many days ending today. */
    public static final int DEFAULT_PER_DAY_DAYS = 5;
    /**
     * per_day renders a whole report per day: 26 years of them made an 83 MB message that a
     * client's 10 MB limit refused. A quarter (92 days) stays a few MB; day_json covers longer.
     */
    public static final int MAX_PER_DAY_DAYS = 92;

    public enum Mode {
        REPORT, PER_DAY, DAY_JSON, HISTORY;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Mode parse(String s) {
            if (s == null || s.isBlank()) {
                return REPORT;
            }
            for (Mode m : values()) {
                if (m.key().equals(s.strip().toLowerCase(Locale.ROOT).replace('-', '_'))) {
                    return m;
                }
            }
            throw new IllegalArgumentException("mode must be one of report, per_day, day_json, history; got '" + s + "'");
        }
    }

    public enum Form {
        TEXT, MARKDOWN;

        public static Form parse(String s) {
            if (s == null || s.isBlank() || s.equalsIgnoreCase("text") || s.equalsIgnoreCase("json")) {
                return TEXT;
            }
            if (s.equalsIgnoreCase("markdown") || s.equalsIgnoreCase("md")) {
                return MARKDOWN;
            }
            throw new IllegalArgumentException("format must be text, markdown or json, got '" + s + "'");
        }
    }

    /** A mode's output: the typed answer and its readable form. */
    public record Output(ReportResults.Answer answer, String text) {
        /** The answer as the JSON object the tool returns. */
        public Map<String, Object> json() {
            return ResultJson.toMap((Record) answer); // every Answer is a record
        }
    }

    private ReportModes() {}

    public static Output run(TokenLedger ledger, ReportRequest request, Mode mode, Form form) {
        PriceTable.Provenance prices = ledger.prices().provenanceRecord();
        return switch (mode) {
            case REPORT -> report(TokenomicsReport.run(ledger, request), form, prices, today(ledger, request));
            case PER_DAY -> perDay(ledger, request, form, prices);
            case DAY_JSON -> dayJson(ledger, request, prices);
            case HISTORY -> history(ledger, request, prices);
        };
    }

    private static Output report(ReportData d, Form form, PriceTable.Provenance prices, LocalDate today) {
        return new Output(new ReportResults.WholeReport(Mode.REPORT.key(), ReportJson.of(d), prices),
                form == Form.MARKDOWN ? ReportMarkdown.render(d, today) : ReportText.render(d));
    }

    /** The analysis date, in the report's zone: the markdown doc's title carries it. */
    private static LocalDate today(TokenLedger ledger, ReportRequest request) {
        return LocalDate.ofInstant(ledger.clock().instant(), request.zone());
    }

    /** The per-day window: the request's, or the last five days ending today. */
    static ReportWindow perDayWindow(TokenLedger ledger, ReportRequest r) {
        LocalDate today = LocalDate.ofInstant(ledger.clock().instant(), r.zone());
        LocalDate until = r.until() != null ? r.until() : r.since() != null && r.since().isAfter(today) ? r.since() : today;
        LocalDate since = r.since() != null ? r.since() : until.minusDays(DEFAULT_PER_DAY_DAYS - 1);
        return new ReportWindow(since, until, r.zone());
    }

    private static Output perDay(TokenLedger ledger, ReportRequest request, Form form, PriceTable.Provenance prices) {
        ReportWindow window = perDayWindow(ledger, request);
        int count = window.days().size();
        if (count > MAX_PER_DAY_DAYS) {
            throw new IllegalArgumentException("per_day covers at most " + MAX_PER_DAY_DAYS + " days, got " + count
                    + " (" + window.since() + ".." + window.until() + "); narrow since/until, or use day_json");
        }
        List<ReportResults.ReportDay> days = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (LocalDate day : window.days()) {
            // Exactly what a one-day window runs: the same code path, no per-day shortcut.
            ReportData d = TokenomicsReport.run(ledger, request, new ReportWindow(day, day, request.zone()));
            days.add(new ReportResults.ReportDay(day.toString(), ReportJson.of(d)));
            text.append("=== DAY ").append(day).append(" ===\n")
                    .append(form == Form.MARKDOWN ? ReportMarkdown.render(d, today(ledger, request)) : ReportText.render(d)).append('\n');
        }
        return new Output(new ReportResults.PerDay(Mode.PER_DAY.key(), window.since().toString(),
                window.until().toString(), window.zone().getId(), days, prices), text.toString());
    }

    private static Output dayJson(TokenLedger ledger, ReportRequest request, PriceTable.Provenance prices) {
        ReportWindow window = ReportWindow.resolve(request, ledger.events().eventSpan(), ledger.clock().instant());
        DayDetail detail = ledger.reports().dayDetail(window.dayStarts());
        List<LocalDate> dates = window.days();
        List<Rollup> rollups = DayTotals.maker(ledger.prices(), window.zone(), ledger.clock().instant())
                .make(dates, detail);
        List<ReportResults.DayObject> days = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < dates.size(); i++) {
            Rollup r = rollups.get(i) != null ? rollups.get(i) : emptyDay(dates.get(i), window, ledger);
            ReportResults.DayObject one = DayTotals.day(r);
            days.add(one);
            text.append(Json.compact(ResultJson.toMap(one))).append('\n');
        }
        return new Output(new ReportResults.DayJson(Mode.DAY_JSON.key(), window.since().toString(),
                window.until().toString(), window.zone().getId(), days, prices), text.toString());
    }

    private static Rollup emptyDay(LocalDate day, ReportWindow w, TokenLedger ledger) {
        return new Rollup(day, w.zone().getId(), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, null,
                ledger.clock().instant());
    }

    private static Output history(TokenLedger ledger, ReportRequest request, PriceTable.Provenance prices) {
        String zone = request.zone().getId();
        List<Rollup> rollups = ledger.rollups().list(zone, request.since(), request.until());
        List<String> others = new ArrayList<>(ledger.rollups().timezones());
        others.remove(zone);
        String from = request.since() != null ? request.since().toString()
                : rollups.isEmpty() ? "the first rollup" : rollups.get(0).day().toString();
        String to = request.until() != null ? request.until().toString()
                : rollups.isEmpty() ? "the last rollup" : rollups.get(rollups.size() - 1).day().toString();
        String title = "Tokenomics history: " + from + " to " + to + " (" + zone + "); from daily rollups alone, "
                + rollups.size() + " day(s)";
        return new Output(new ReportResults.History(Mode.HISTORY.key(),
                request.since() == null ? null : request.since().toString(),
                request.until() == null ? null : request.until().toString(), zone,
                rollups.stream().map(DayTotals::day).toList(), others, null, null, prices),
                DayTotals.historyText(title, rollups, others));
    }

    /** History from a file the skill keeps (one day object a line) instead of the ledger's store. */
    public static Output historyFile(java.nio.file.Path file, ReportRequest request) {
        HistoryFile.Read read = HistoryFile.read(file, request.since(), request.until());
        String from = request.since() != null ? request.since().toString()
                : read.days().isEmpty() ? "the first day" : read.days().get(0).date();
        String to = request.until() != null ? request.until().toString()
                : read.days().isEmpty() ? "the last day" : read.days().get(read.days().size() - 1).date();
        String title = "Tokenomics history: " + from + " to " + to + "; from " + file + ", "
                + read.days().size() + " day(s)";
        return new Output(new ReportResults.History(Mode.HISTORY.key(),
                request.since() == null ? null : request.since().toString(),
                request.until() == null ? null : request.until().toString(), request.zone().getId(), read.days(),
                List.of(), file.toString(), read.malformedLines(), null), HistoryFile.text(title, read));
    }
}
