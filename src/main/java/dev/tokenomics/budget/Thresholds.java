package dev.tokenomics.budget;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The four percents of a limit at which a budget turns info, warning, critical and hard_stop.
 * Whole percents from 1 to 1000 (a threshold above 100 warns only once the limit is overrun),
 * strictly increasing. A level is reached exactly at its threshold: 75% of the limit is warning.
 */
public record Thresholds(List<Integer> percents) {
    public static final Thresholds DEFAULT = new Thresholds(List.of(50, 75, 90, 100));
    static final int MIN = 1;
    static final int MAX = 1000;

    public Thresholds {
        if (percents == null || percents.size() != 4) {
            throw new IllegalArgumentException("thresholds must be four percents (info, warning, critical, hard_stop), "
                    + "e.g. 50,75,90,100; got " + (percents == null ? "nothing" : percents.size() + ": " + percents));
        }
        for (int i = 0; i < 4; i++) {
            Integer p = percents.get(i);
            if (p == null || p < MIN || p > MAX) {
                throw new IllegalArgumentException("thresholds must each be between " + MIN + " and " + MAX
                        + " percent, got " + p + " in " + percents);
            }
            if (i > 0 && p <= percents.get(i - 1)) {
                throw new IllegalArgumentException("thresholds must be strictly increasing, got " + percents);
            }
        }
        percents = List.copyOf(percents);
    }

    /** Parses "50,75,90,100". */
    public static Thresholds parse(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                out.add(Integer.parseInt(part.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("thresholds must be whole percents separated by commas, e.g. "
                        + "50,75,90,100; got " + Texts.quote(text));
            }
        }
        return new Thresholds(out);
    }

    /** The level of {@code spent} against {@code limit}, compared exactly: spent * 100 >= threshold * limit. */
    public Level level(long spent, long limit) {
        BigDecimal hundredTimesSpent = BigDecimal.valueOf(spent).multiply(BigDecimal.valueOf(100));
        Level level = Level.OK;
        for (int i = 0; i < 4; i++) {
            BigDecimal bar = BigDecimal.valueOf(limit).multiply(BigDecimal.valueOf(percents.get(i)));
            if (hundredTimesSpent.compareTo(bar) >= 0) {
                level = Level.values()[i + 1];
            }
        }
        return level;
    }

    /** The percent at which {@code level} begins (null for ok). */
    public Integer percentOf(Level level) {
        return level == Level.OK ? null : percents.get(level.ordinal() - 1);
    }

    public String text() {
        return percents.stream().map(String::valueOf).collect(Collectors.joining(","));
    }
}
