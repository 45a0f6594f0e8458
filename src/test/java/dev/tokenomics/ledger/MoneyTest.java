package dev.tokenomics.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void displayRoundsHalfEvenToCentsFromADollarAndGroupsThousands() {
        assertEquals("$0.00", Money.display(0));
        assertEquals("$0.005", Money.display(5_000_000)); // under a cent: significant places kept
        assertEquals("$0.01", Money.display(10_000_000));
        assertEquals("$3.41", Money.display(3_410_000_000L));
        assertEquals("$0.125", Money.display(125_000_000)); // under $1: four significant digits
        assertEquals("$1.12", Money.display(1_125_000_000)); // $1.125: half-even goes to 12 cents
        assertEquals("$1.14", Money.display(1_135_000_000)); // $1.135: to 14
        assertEquals("$1,234.57", Money.display(1_234_567_890_000L));
        assertEquals("$999.99", Money.display(999_990_000_000L));
        assertEquals("$1,000,000.00", Money.display(1_000_000_000_000_000L));
        assertEquals("-$1.50", Money.display(-1_500_000_000L));
    }
}
