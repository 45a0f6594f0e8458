package dev.tokenomics.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Nano-dollars (the ledger's unit) to USD for display and JSON: exact, trailing zeros dropped. */
public final class Money {
    private Money() {}

    public static BigDecimal usd(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, 9).stripTrailingZeros();
        return usd.scale() < 0 ? usd.setScale(0) : usd;
    }

    public static BigDecimal usdOrNull(Long nanos) {
        return nanos == null ? null : usd(nanos);
    }

    /** For people: $0.0042, $3.41, $1,234.57. */
    public static String display(long nanos) {
        BigDecimal usd = BigDecimal.valueOf(nanos, 9);
        if (nanos != 0 && Math.abs(nanos) < 10_000_000L) { // under one cent: keep four significant places
            return "$" + usd.setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
        }
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
