package dev.tokenomics.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BurnWindowTest {
    @Test
    void daysHoursAndBareNumbersParse() {
        assertEquals(Duration.ofDays(7), BurnWindow.parse("window", "7d").length());
        assertEquals(Duration.ofDays(30), BurnWindow.parse("window", " 30D ").length());
        assertEquals(Duration.ofHours(24), BurnWindow.parse("window", "24h").length());
        assertEquals(Duration.ofDays(3), BurnWindow.parse("window", "3").length());
        assertEquals(BurnWindow.DEFAULT, BurnWindow.parse("window", null));
        assertEquals(BurnWindow.DEFAULT, BurnWindow.parse("window", " "));
    }

    @Test
    void itSaysItsLengthInTheUnitsItWasGiven() {
        assertEquals("7d", BurnWindow.parse("w", "7d").text());
        assertEquals("1d", BurnWindow.parse("w", "24h").text());
        assertEquals("36h", BurnWindow.parse("w", "36h").text());
        assertEquals(new BigDecimal("1.5"), BurnWindow.parse("w", "36h").days());
        assertEquals(new BigDecimal("7"), BurnWindow.DEFAULT.days());
        assertEquals("7 days", BurnWindow.DEFAULT.words());
        assertEquals("day", BurnWindow.parse("w", "24h").words());
        assertEquals("12 hours", BurnWindow.parse("w", "12h").words());
    }

    @Test
    void aBadWindowNamesTheFieldAndTheValue() {
        assertEquals("--window must be a length such as 7d, 30d or 24h (days, or hours with h), got 'a week'",
                assertThrows(IllegalArgumentException.class, () -> BurnWindow.parse("--window", "a week")).getMessage());
        assertEquals("window must be a length such as 7d, 30d or 24h (days, or hours with h), got '7x'",
                assertThrows(IllegalArgumentException.class, () -> BurnWindow.parse("window", "7x")).getMessage());
        assertEquals("window must be from 1h to 366d, got '0d'",
                assertThrows(IllegalArgumentException.class, () -> BurnWindow.parse("window", "0d")).getMessage());
        assertEquals("window must be from 1h to 366d, got '400d'",
                assertThrows(IllegalArgumentException.class, () -> BurnWindow.parse("window", "400d")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> BurnWindow.parse("window", "-7d"));
        assertThrows(IllegalArgumentException.class, () -> BurnWindow.parse("window", "d"));
        assertThrows(IllegalArgumentException.class, () -> new BurnWindow(Duration.ofMinutes(90)));
    }
}
