package dev.tokenomics.transcripts;

import dev.tokenomics.json.ResultJson;
import dev.tokenomics.ledger.Times;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.ledger.UsageRow;
import dev.tokenomics.text.Cost;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The usage views over imported transcripts, shaped so ccusage users find their way: per period
 * ({@code daily}, {@code weekly} from Monday, {@code monthly}) or per {@code session}, the four
 * token buckets, total, cost, the models used and per-model breakdowns, and {@code totals}; and
 * {@code blocks}: 5-hour billing windows with burn rate and projection.
 */
public final class UsageReport {
    public static final Duration BLOCK = Duration.ofHours(5);

    private UsageReport() {}

    public enum View {
        DAILY, WEEKLY, MONTHLY, SESSION, BLOCKS;

        public static View parse(String s) {
            for (View v : values()) {
                if (v.name().equalsIgnoreCase(s == null ? "" : s.strip())) {
                    return v;
                }
            }
            throw new IllegalArgumentException("view must be one of daily, weekly, monthly, session, blocks; got '"
                    + s + "'");
        }

        String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** What to show: window [since, until] as local dates (null: open), and a token limit for blocks. */
    public record Request(View view, LocalDate since, LocalDate until, ZoneId zone, boolean breakdown, String project,
            Long tokenLimit, boolean tokenLimitMax, List<String> sources, String machine) {
        /** Every measured source: what the views show unless told otherwise. */
        public Request(View view, LocalDate since, LocalDate until, ZoneId zone, boolean breakdown, String project,
                Long tokenLimit, boolean tokenLimitMax) {
            this(view, since, until, zone, breakdown, project, tokenLimit, tokenLimitMax, null, null);
        }

        /** Every machine. */
        public Request(View view, LocalDate since, LocalDate until, ZoneId zone, boolean breakdown, String project,
                Long tokenLimit, boolean tokenLimitMax, List<String> sources) {
            this(view, since, until, zone, breakdown, project, tokenLimit, tokenLimitMax, sources, null);
        }

        dev.tokenomics.ledger.UsageFilter filter() {
            return new dev.tokenomics.ledger.UsageFilter(project, sources, machine);
        }
    }

    /** Sums of a group of rows, by model too. */
    static final class Sums {
        long records;
        long input;
        long output;
        long write5m;
        long write1h;
        long read;
        long cost;
        long unpriced;
        /** Tokens of the unpriced records; null once a row was only partly priced (not split). */
        Long unpricedTokens = 0L;
        Instant first;
        Instant last;
        final Map<String, Sums> byModel = new TreeMap<>();
        final Map<String, Sums> bySource = new TreeMap<>();

        void add(UsageRow r, boolean perModel) {
            records += r.records();
            input += r.inputTokens();
            output += r.outputTokens();
            write5m += r.cacheWrite5mTokens();
            write1h += r.cacheWrite1hTokens();
            read += r.cacheReadTokens();
            cost += r.costNanos();
            unpriced += r.unpricedRecords();
            unpricedTokens = plus(unpricedTokens,
                    Cost.unpricedTokens(r.records(), r.unpricedRecords(), r.totalTokens()));
            first = first == null || r.first().isBefore(first) ? r.first() : first;
            last = last == null || r.last().isAfter(last) ? r.last() : last;
            if (perModel) {
                byModel.computeIfAbsent(r.model() == null ? "(none)" : r.model(), k -> new Sums()).add(r, false);
                bySource.computeIfAbsent(r.source(), k -> new Sums()).add(r, false);
            }
        }

        long total() {
            return input + output + write5m + write1h + read;
        }

        private static Long plus(Long a, Long b) {
            return a == null || b == null ? null : a + b;
        }

        void addAll(Sums o) {
            records += o.records;
            input += o.input;
            output += o.output;
            write5m += o.write5m;
            write1h += o.write1h;
            read += o.read;
            cost += o.cost;
            unpriced += o.unpriced;
            unpricedTokens = plus(unpricedTokens, o.unpricedTokens);
            first = first == null || o.first != null && o.first.isBefore(first) ? o.first : first;
            last = last == null || o.last != null && o.last.isAfter(last) ? o.last : last;
            o.byModel.forEach((m, s) -> byModel.computeIfAbsent(m, k -> new Sums()).addAll(s));
            o.bySource.forEach((m, s) -> bySource.computeIfAbsent(m, k -> new Sums()).addAll(s));
        }

        UsageResults.Tokens tokens() {
            return new UsageResults.Tokens(input, output, write5m + write1h, write1h, read, total(),
                    Cost.usd(records, unpriced, cost), unpriced == 0, unpricedTokens, records);
        }

        /** A row's sums with the models used, per model (by name) and per source. */
        UsageResults.Usage usage() {
            List<UsageResults.ModelTokens> breakdowns = new ArrayList<>();
            byModel.forEach((model, s) -> breakdowns.add(new UsageResults.ModelTokens(model, s.tokens())));
            Map<String, UsageResults.Tokens> sources = new LinkedHashMap<>();
            bySource.forEach((source, s) -> sources.put(source, s.tokens()));
            return new UsageResults.Usage(tokens(), new ArrayList<>(byModel.keySet()), breakdowns, sources);
        }
    }

    /** The answer and its text; every shape of the answer is a record. */
    public record Result(UsageResults.Answer answer, String text) {
        /** The answer as JSON: get_usage's structuredContent. */
        public Map<String, Object> json() {
            return ResultJson.toMap((Record) answer);
        }
    }

    public static Result run(TokenLedger ledger, Request q, Instant now) {
        ZoneId zone = q.zone();
        Instant since = q.since() == null ? Instant.EPOCH : q.since().atStartOfDay(zone).toInstant();
        Instant until = q.until() == null ? Instant.parse("9999-01-01T00:00:00Z")
                : q.until().plusDays(1).atStartOfDay(zone).toInstant();
        String view = q.view().key();
        UsageResults.Asked asked = new UsageResults.Asked(q.since() == null ? null : q.since().toString(),
                q.until() == null ? null : q.until().toString(), zone.getId(), q.project(), q.machine(), q.sources());
        Sums totals = new Sums();
        UsageText text = new UsageText(q.view(), q.breakdown(), zone);
        // Arguments are evaluated left to right: the rows are summed into totals before overall reads them.
        UsageResults.Answer answer = switch (q.view()) {
            case DAILY -> new UsageResults.DailyView(view, asked, periods(ledger, q, since, until, totals, text,
                    UsageResults.DayRow::new), overall(ledger, totals));
            case WEEKLY -> new UsageResults.WeeklyView(view, asked, periods(ledger, q, since, until, totals, text,
                    UsageResults.WeekRow::new), overall(ledger, totals));
            case MONTHLY -> new UsageResults.MonthlyView(view, asked, periods(ledger, q, since, until, totals, text,
                    UsageResults.MonthRow::new), overall(ledger, totals));
            case SESSION -> new UsageResults.SessionView(view, asked, sessions(ledger, q, since, until, totals, text),
                    overall(ledger, totals));
            case BLOCKS -> {
                List<Block> blocks = blocks(ledger.reports().usageEntries(since, until, q.filter()));
                long max = blocks.stream().filter(b -> !b.active(now)).mapToLong(b -> b.sums.total()).max().orElse(0);
                Long limit = q.tokenLimitMax() ? Long.valueOf(max) : q.tokenLimit();
                text.limit(limit, q.tokenLimitMax());
                List<UsageResults.BlockRow> rows = new ArrayList<>();
                for (Block b : blocks) {
                    totals.addAll(b.sums);
                    rows.add(b.row(now, limit));
                    text.block(b, now, limit);
                }
                yield new UsageResults.BlocksView(view, asked, limit, rows, overall(ledger, totals));
            }
        };
        return new Result(answer, text.render(q, totals, answer.overall().unpricedModels()));
    }

    /** The rows of a period view (a date, week or month each), oldest first, summed into totals too. */
    private static <R> List<R> periods(TokenLedger ledger, Request q, Instant since, Instant until, Sums totals,
            UsageText text, BiFunction<String, UsageResults.Usage, R> row) {
        Function<Instant, String> period = period(q.view(), q.zone());
        Map<String, Sums> groups = new TreeMap<>();
        for (UsageRow r : ledger.reports().usageBySlot(since, until, q.filter(), Times.wholeHours(q.zone()) ? 13 : 16)) {
            groups.computeIfAbsent(period.apply(r.slot()), k -> new Sums()).add(r, true);
            totals.add(r, true);
        }
        List<R> rows = new ArrayList<>();
        groups.forEach((p, s) -> {
            rows.add(row.apply(p, s.usage()));
            text.row(p, s);
        });
        return rows;
    }

    /** One row per session, the most recently active first, summed into totals too. */
    private static List<UsageResults.SessionRow> sessions(TokenLedger ledger, Request q, Instant since, Instant until,
            Sums totals, UsageText text) {
        Map<String, String[]> info = ledger.reports().transcriptSessions();
        Map<String, Sums> groups = new TreeMap<>();
        for (UsageRow r : ledger.reports().usageBySession(since, until, q.filter())) {
            groups.computeIfAbsent(r.key() == null ? "(none)" : r.key(), k -> new Sums()).add(r, true);
            totals.add(r, true);
        }
        List<UsageResults.SessionRow> rows = new ArrayList<>();
        groups.entrySet().stream().sorted((a, b) -> b.getValue().last.compareTo(a.getValue().last)).forEach(e -> {
            String[] s = info.getOrDefault(e.getKey(), new String[4]);
            Sums sums = e.getValue();
            rows.add(new UsageResults.SessionRow(e.getKey(), s[0], s[1], s[2], s[3], sums.first.toString(),
                    sums.last.toString(), sums.usage()));
            text.row(e.getKey() + (s[0] == null ? "" : "  " + s[0]), sums);
        });
        return rows;
    }

    /** The totals, the models with unpriced records among them, and the price table. */
    private static UsageResults.Overall overall(TokenLedger ledger, Sums totals) {
        List<String> unpricedModels = new ArrayList<>();
        totals.byModel.forEach((m, s) -> {
            if (s.unpriced > 0) {
                unpricedModels.add(m);
            }
        });
        return new UsageResults.Overall(totals.tokens(), unpricedModels, ledger.prices().provenanceRecord());
    }

    private static Function<Instant, String> period(View v, ZoneId zone) {
        return switch (v) {
            case DAILY -> t -> LocalDate.ofInstant(t, zone).toString();
            case WEEKLY -> t -> LocalDate.ofInstant(t, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .toString();
            default -> t -> LocalDate.ofInstant(t, zone).toString().substring(0, 7);
        };
    }

    /** A 5-hour window: it starts at its first entry's hour; the next starts 5 h later or after a 5 h gap. */
    static final class Block {
        final Instant start;
        final Sums sums = new Sums();

        Block(Instant start) {
            this.start = start;
        }

        Instant end() {
            return start.plus(BLOCK);
        }

        boolean active(Instant now) {
            return now.isBefore(end()) && Duration.between(sums.last, now).compareTo(BLOCK) < 0;
        }

        /** Tokens per minute between the first and last entry (null with one entry: no span to divide by). */
        Double burnRate() {
            long minutes = Duration.between(sums.first, sums.last).toSeconds();
            return minutes <= 0 ? null : sums.total() / (minutes / 60.0);
        }

        UsageResults.BlockRow row(Instant now, Long limit) {
            Double rate = burnRate();
            Double percent = null;
            Boolean over = null;
            if (limit != null && limit > 0) {
                long basis = limitBasis(now);
                percent = percentOf(basis, limit);
                over = basis > limit;
            }
            return new UsageResults.BlockRow(start.toString(), end().toString(), sums.first.toString(),
                    sums.last.toString(), active(now), sums.usage(), rate == null ? null : Math.round(rate * 10) / 10.0,
                    projection(now), active(now) ? Duration.between(now, end()).toMinutes() : null, percent, over);
        }

        /** What a token limit is measured against: the projected total of the active block, else the total. */
        long limitBasis(Instant now) {
            Long projected = projection(now);
            return projected != null ? projected : sums.total();
        }

        /** Percent of the limit to one decimal: the JSON's percent_of_limit and the text's. */
        static double percentOf(long basis, long limit) {
            return Math.round(1000.0 * basis / limit) / 10.0;
        }

        /** For the active block: its total plus the burn rate until the block ends. */
        Long projection(Instant now) {
            Double rate = burnRate();
            if (!active(now) || rate == null) {
                return null;
            }
            return sums.total() + Math.round(rate * Duration.between(now, end()).toSeconds() / 60.0);
        }
    }

    /** The block under way at {@code now}: its span and sums (cost over records that may lack a price). */
    public record ActiveBlock(Instant start, Instant end, long records, long unpricedRecords, long costNanos,
            long tokens) {}

    /**
     * The active 5-hour block at {@code now}, found from the entries since {@code from} (the chain of
     * blocks is rebuilt from there, so a caller picks how far back a run of blocks may reach), or
     * null when none is active.
     */
    public static ActiveBlock activeBlock(TokenLedger ledger, Instant from, Instant now) {
        List<Block> all = blocks(ledger.reports().usageEntries(from, now,
                dev.tokenomics.ledger.UsageFilter.of(null, List.of(dev.tokenomics.ledger.Sources.CLAUDE_CODE))));
        if (all.isEmpty() || !all.get(all.size() - 1).active(now)) {
            return null;
        }
        Block b = all.get(all.size() - 1);
        return new ActiveBlock(b.start, b.end(), b.sums.records, b.sums.unpriced, b.sums.cost, b.sums.total());
    }

    static List<Block> blocks(List<UsageRow> entries) {
        List<Block> out = new ArrayList<>();
        Block current = null;
        for (UsageRow e : entries) {
            if (current == null || !e.slot().isBefore(current.end())
                    || Duration.between(current.sums.last, e.slot()).compareTo(BLOCK) >= 0) {
                current = new Block(e.slot().truncatedTo(ChronoUnit.HOURS));
                out.add(current);
            }
            current.sums.add(e, true);
        }
        return out;
    }
}
