package dev.tokenomics.claudecode;

import dev.tokenomics.budget.Level;
import dev.tokenomics.ledger.Money;
import dev.tokenomics.text.Cost;
import dev.tokenomics.text.Visible;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The one line: {@code Opus 4.6 │ session $1.23 (cc $1.25) │ today $9.80 │ 5h 42% 2h13m left │ budget warning}. */
final class StatusText {
    static final String SEP = " \u2502 ";
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";

    private final boolean color;

    StatusText(boolean color) {
        this.color = color;
    }

    /**
     * Colour unless asked not to: Claude Code shows ANSI colours although stdout is a pipe, so "auto"
     * means on unless NO_COLOR is set (https://no-color.org) or TERM is dumb.
     */
    static boolean colorFor(String mode, Map<String, String> env) {
        return switch (mode) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> {
                String noColor = env.get("NO_COLOR");
                yield (noColor == null || noColor.isEmpty()) && !"dumb".equals(env.get("TERM"));
            }
            default -> throw new IllegalArgumentException("--color must be auto, always or never; got '" + mode + "'");
        };
    }

    String line(StatusNumbers n, Instant now) {
        List<String> parts = new ArrayList<>();
        parts.add(Visible.text(n.model() == null ? "?" : n.model()));
        String session = "session " + cost(n.session());
        if (n.claudeSessionUsd() != null) {
            session += dim(" (cc " + usd(n.claudeSessionUsd()) + ")");
        }
        parts.add(session);
        parts.add("today " + cost(n.today()));
        if (n.block() != null) {
            parts.add(block(n.block(), now));
        }
        if (n.contextUsedPercent() != null) {
            parts.add("ctx " + Math.round(n.contextUsedPercent()) + "%");
        }
        if (n.worstBudget() != null) {
            parts.add("budget " + paint(n.worstBudget().wireName(), levelColor(n.worstBudget())));
        }
        return String.join(SEP, parts);
    }

    /** The line when something failed: short, and never an error Claude Code would blank. */
    static String fallback(String model) {
        return (model == null ? "" : Visible.text(model) + SEP) + "tokenomics --";
    }

    private static String cost(StatusNumbers.Spend s) {
        return Cost.text(s.events(), s.unpricedEvents(), s.nanos());
    }

    private String block(StatusNumbers.Block b, Instant now) {
        String used;
        String tint = null;
        if (b.usedPercent() != null) {
            long pct = Math.round(b.usedPercent());
            used = "5h " + pct + "%";
            tint = pct >= 90 ? RED : pct >= 70 ? YELLOW : null;
        } else {
            used = "block " + cost(b.spend());
        }
        String left = b.endsAt() == null ? "" : " " + remaining(Duration.between(now, b.endsAt())) + " left";
        return paint(used, tint) + left;
    }

    /** "2h13m", "45m", "0m": the two largest units, never negative. */
    static String remaining(Duration d) {
        long minutes = Math.max(0, d.toMinutes());
        return minutes >= 60 ? minutes / 60 + "h" + String.format("%02d", minutes % 60) + "m" : minutes + "m";
    }

    private static String levelColor(Level l) {
        return switch (l) {
            case OK -> GREEN;
            case INFO -> null;
            case WARNING -> YELLOW;
            case CRITICAL, HARD_STOP -> RED;
        };
    }

    private String paint(String text, String code) {
        return color && code != null ? code + text + RESET : text;
    }

    private String dim(String text) {
        return color ? DIM + text + RESET : text;
    }

    /** Claude Code's own reading, by the same money rule as ours so the two compare digit for digit. */
    static String usd(BigDecimal v) {
        return Money.display(v.movePointRight(9).setScale(0, RoundingMode.HALF_UP).longValueExact());
    }
}
