package dev.tokenomics.budget;

import dev.tokenomics.ledger.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Seed 004's cost-health: one CI gate over the budget, burn, anomaly and projection checks, each
 * judged from the same results its own command prints (check_budget's checks, cost_insights'
 * report), so the gate cannot disagree with them. The worst level decides the exit.
 */
public final class HealthGate {
    public static final List<String> CHECKS = List.of("budget", "burn", "anomaly", "projection");
    public static final BigDecimal DEFAULT_ACCELERATION_PCT = BigDecimal.valueOf(100);
    public static final Duration DEFAULT_RUNWAY = Duration.ofDays(30);

    private HealthGate() {}

    /**
     * What the gate was asked.
     *
     * @param alertOnAccelerationPct burn: warn when spend per day rose at least this percent on the previous window
     * @param alertOnOutliers anomaly: warn when at least this many outliers are found; null: outliers are only reported
     * @param runway projection: a total budget (which has no period end) warns when it runs out within this
     * @param failOn the level from which the gate fails
     */
    public record Options(BurnWindow window, BigDecimal alertOnAccelerationPct, double threshold, Integer alertOnOutliers,
            Duration runway, Set<String> skip, Level failOn) {
        public Options {
            for (String s : skip) {
                if (!CHECKS.contains(s)) {
                    throw new IllegalArgumentException("--skip: no check " + Texts.quote(s) + "; the checks are "
                            + String.join(", ", CHECKS));
                }
            }
            if (alertOnOutliers != null && alertOnOutliers < 1) {
                throw new IllegalArgumentException("--alert-on-outliers must be at least 1, got " + alertOnOutliers);
            }
            if (alertOnAccelerationPct.signum() < 0) {
                throw new IllegalArgumentException("--alert-on-acceleration must be >= 0, got "
                        + alertOnAccelerationPct.toPlainString());
            }
            if (runway.isNegative() || runway.isZero()) {
                throw new IllegalArgumentException("--runway must be positive, got " + runway);
            }
            if (failOn == Level.OK) {
                throw new IllegalArgumentException("--fail-on must be info, warning, critical or hard_stop; ok would "
                        + "fail every run");
            }
            skip = Set.copyOf(skip);
        }

        public boolean runs(String check) {
            return !skip.contains(check);
        }

        /** Whether cost_insights is needed: for the burn, the anomalies, or the projection's basis. */
        public boolean needsInsights() {
            return runs("burn") || runs("anomaly") || runs("projection");
        }
    }

    public record Check(String name, Level level, String detail) {}

    /**
     * The gate's answer.
     *
     * @param budgets the budget checks, empty when budget and projection were both skipped
     * @param insights the insights over the window, null when none of the checks needing it ran
     */
    public record Result(Options options, Instant checkedAt, List<BudgetCheck> budgets, InsightReport insights,
            List<Check> checks) {
        public Level worst() {
            Level w = Level.OK;
            for (Check c : checks) {
                w = Level.max(w, c.level());
            }
            return w;
        }

        public boolean failed() {
            return worst() != Level.OK && worst().atLeast(options.failOn());
        }
    }

    public static Result judge(Options o, Instant now, List<BudgetCheck> budgets, InsightReport insights) {
        List<Check> checks = new ArrayList<>();
        if (o.runs("budget")) {
            checks.add(budget(budgets));
        }
        if (o.runs("burn")) {
            checks.add(burn(insights, o));
        }
        if (o.runs("anomaly")) {
            checks.add(anomaly(insights, o));
        }
        if (o.runs("projection")) {
            checks.add(projection(budgets, insights, o, now));
        }
        return new Result(o, now, List.copyOf(budgets), insights, List.copyOf(checks));
    }

    static Check budget(List<BudgetCheck> budgets) {
        if (budgets.isEmpty()) {
            return new Check("budget", Level.OK, "no budgets set");
        }
        Level worst = Level.OK;
        List<String> at = new ArrayList<>();
        for (BudgetCheck c : budgets) {
            worst = Level.max(worst, c.level());
            if (c.level() != Level.OK) {
                at.add(c.budget().name() + " " + c.level().wireName() + " ("
                        + BudgetRules.percent(c.percentUsed()) + " used)");
            }
        }
        return new Check("budget", worst, at.isEmpty() ? budgets.size() + (budgets.size() == 1 ? " budget" : " budgets")
                + ", all ok" : String.join("; ", at));
    }

    /** The acceleration alert, with the rates it compared. */
    static Check burn(InsightReport r, Options o) {
        InsightReport.Acceleration a = r.acceleration();
        String span = o.window().words();
        String rates = perDay(a.currentNanosPerDay()) + "/day over the last " + span + " vs "
                + perDay(a.previousNanosPerDay()) + "/day the " + span + " before";
        if (a.percentChange() == null) {
            return new Check("burn", Level.OK, rates + ": no spend before to compare with");
        }
        String change = (a.percentChange().signum() > 0 ? "+" : "") + a.percentChange().toPlainString() + "%";
        String cut = "alert at " + o.alertOnAccelerationPct().stripTrailingZeros().toPlainString() + "%";
        if (!a.alert()) {
            return new Check("burn", Level.OK, rates + " (" + change + "; " + cut + ")");
        }
        Level l = r.findings().stream().filter(f -> f.kind().equals("acceleration"))
                .map(f -> level(f.severity())).reduce(Level.WARNING, Level::max);
        return new Check("burn", l, rates + " (" + change + ", at or past the " + cut + ")");
    }

    /** Outliers are reported always; they fail the gate only when --alert-on-outliers was given and reached. */
    static Check anomaly(InsightReport r, Options o) {
        int n = r.outlierCount();
        List<String> parts = new ArrayList<>();
        for (InsightReport.AnomalySet s : r.anomalies()) {
            if (!s.flagged().isEmpty()) {
                parts.add(s.flagged().size() + " " + (s.flagged().size() == 1 ? singular(s.over()) : s.over()));
            }
        }
        String cut = "|modified z| > " + plain(r.threshold());
        if (n == 0) {
            return new Check("anomaly", Level.OK, "no outliers (" + cut + ")");
        }
        String found = n + (n == 1 ? " outlier" : " outliers") + " (" + String.join(", ", parts) + "; " + cut + ")";
        String first = r.findings().stream().filter(f -> f.kind().equals("anomaly")).map(InsightReport.Finding::message)
                .findFirst().orElse("");
        if (o.alertOnOutliers() == null) {
            return new Check("anomaly", Level.INFO, found + "; no alert asked (--alert-on-outliers N gates on them); "
                    + "first: " + first);
        }
        if (n < o.alertOnOutliers()) {
            return new Check("anomaly", Level.INFO, found + ", below the alert at " + o.alertOnOutliers() + "; first: "
                    + first);
        }
        return new Check("anomaly", Level.WARNING, found + ", at or past the alert at " + o.alertOnOutliers() + "; first: "
                + first);
    }

    /**
     * The spend ahead at the window's burn, and a warning for each budget that runs out at that pace
     * before its period ends, or, for a total budget (no period end), within the runway.
     */
    static Check projection(List<BudgetCheck> budgets, InsightReport r, Options o, Instant now) {
        StringBuilder ahead = new StringBuilder();
        if (r != null) {
            BigDecimal perDay = r.acceleration().currentNanosPerDay();
            String lower = r.current().costComplete() ? "" : "+";
            ahead.append(perDay(perDay)).append(lower).append("/day:");
            for (int d : List.of(7, 30, 90, 365)) {
                ahead.append(' ').append(d).append("d ").append(perDay(perDay.multiply(BigDecimal.valueOf(d))))
                        .append(lower);
            }
            ahead.append(" (").append(r.daysWithData()).append(" of ").append(r.window().days().size())
                    .append(" days with spend)");
        }
        List<String> running = new ArrayList<>();
        for (BudgetCheck c : budgets) {
            Instant at = c.exhaustsAt();
            if (c.exhausted() || at == null) {
                continue;
            }
            boolean total = !c.period().bounded();
            if (total && Duration.between(now, at).compareTo(o.runway()) > 0) {
                continue;
            }
            Meter m = c.usd() != null && at.equals(c.usd().exhaustsAt()) ? c.usd() : c.tokens();
            running.add(c.budget().name() + " runs out in " + m.daysUntilExhaustion(now).toPlainString() + " days ("
                    + BudgetRules.local(at, c.budget()) + (total ? ", within the " + o.runway().toDays() + "-day runway"
                    : ", before its " + c.budget().period().wireName() + " ends") + ")");
        }
        String none = budgets.isEmpty() ? "no budgets set" : "no budget runs out at this rate before its period "
                + "ends (a total budget: within " + o.runway().toDays() + " days)";
        String lead = ahead.length() == 0 ? "" : ahead + "; ";
        return running.isEmpty() ? new Check("projection", Level.OK, lead + none)
                : new Check("projection", Level.WARNING, lead + String.join("; ", running));
    }

    static Level level(Severity s) {
        return switch (s) {
            case INFO -> Level.INFO;
            case WARNING -> Level.WARNING;
            case CRITICAL -> Level.CRITICAL;
        };
    }

    private static String perDay(BigDecimal nanos) {
        return Money.display(nanos.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
    }

    private static String singular(String over) {
        return over.substring(0, over.length() - 1);
    }

    static String plain(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : Double.toString(v);
    }
}
