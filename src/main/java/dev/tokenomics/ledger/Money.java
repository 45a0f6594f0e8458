package dev.tokenomics.ledger;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Nano-dollars (the ledger's unit) to USD for display and JSON: exact, trailing zeros dropped. */
public final class Money {
    private static final MathContext SIGNIFICANT = new MathContext(4, RoundingMode.HALF_EVEN);

    private Money() {}

    public static BigDecimal usd(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    public static BigDecimal usdOrNull(Long nanos) {
        return nanos == null ? null : usd(nanos);
    }

    /**
     * For people, one rule everywhere in text: from $1 up, whole cents ($3.41, $1,234.57); under $1,
     * four significant digits and at least two decimals ($0.50, $0.1325, $0.015, $0.0042). Parts
     * under a dollar keep enough digits that they visibly add up to their total (two halves of
     * $0.03 read $0.015, not $0.02); every total is summed from the exact nano-dollars, never
     * from displayed parts.
     */
    public static String display(long nanos) {
        if (nanos != 0 && Math.abs(nanos) < 1_000_000_000L) {
            BigDecimal usd = BigDecimal.valueOf(nanos, 9).round(SIGNIFICANT).stripTrailingZeros();
            if (usd.abs().compareTo(BigDecimal.ONE) < 0) {
                String plain = usd.setScale(Math.max(2, usd.scale())).toPlainString();
                return plain.startsWith("-") ? "-$" + plain.substring(1) : "$" + plain;
            }
            // $0.99995 and up rounds to a dollar: shown in cents like every amount from $1.
        }
        BigDecimal usd = BigDecimal.valueOf(nanos, 9);
        // Whole cents, then digits grouped by hand: String.format on a BigDecimal was most of the
        // time of rendering a report's breakeven table of thousands of rows.
        long cents = usd.setScale(2, RoundingMode.HALF_EVEN).unscaledValue().longValueExact();
        String digits = Long.toString(Math.abs(cents / 100));
        StringBuilder out = new StringBuilder(digits.length() + 6);
        if (cents < 0) {
            out.append('-');
        }
        out.append('$');
        for (int i = 0; i < digits.length(); i++) {
            if (i > 0 && (digits.length() - i) % 3 == 0) {
                out.append(',');
            }
            out.append(digits.charAt(i));
        }
        long c = Math.abs(cents % 100);
        return out.append('.').append(c < 10 ? "0" : "").append(c).toString();
    }
}
