package dev.tokenomics.budget;

import dev.tokenomics.ledger.Totals;

/**
 * What was spent in a burn window ending at the check: the basis of a burn rate and of every
 * projection made from it.
 *
 * @param daysWithData local days (in the zone of whoever asked) of the window with at least one
 *     event: a 30d rate from 2 days with data is likely an underestimate
 * @param calendarDays the local days the window touches: a window ending mid-day touches one more
 *     than its length
 */
public record Burn(BurnWindow window, Totals totals, int daysWithData, int calendarDays) {
    public Burn {
        if (window == null || totals == null) {
            throw new IllegalArgumentException("a burn needs its window and totals, got window=" + window
                    + " totals=" + totals);
        }
        if (daysWithData < 0 || daysWithData > calendarDays) {
            throw new IllegalArgumentException("days_with_data must be 0 to calendar_days (" + calendarDays + "), got "
                    + daysWithData);
        }
    }
}
