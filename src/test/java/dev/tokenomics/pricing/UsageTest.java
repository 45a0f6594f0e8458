package dev.tokenomics.pricing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void negativeCountsAreRejectedNamingTheWireFieldAndValue() {
        assertEquals("input_tokens must be >= 0, got -5",
                assertThrows(IllegalArgumentException.class, () -> new Usage(-5, 0, 0, 0, 0)).getMessage());
        assertEquals("output_tokens must be >= 0, got -1",
                assertThrows(IllegalArgumentException.class, () -> new Usage(0, -1, 0, 0, 0)).getMessage());
        assertEquals("cache_creation_tokens must be >= 0, got -2",
                assertThrows(IllegalArgumentException.class, () -> new Usage(0, 0, -2, 0, 0)).getMessage());
        assertEquals("cache_creation_1h_tokens must be >= 0, got -4",
                assertThrows(IllegalArgumentException.class, () -> new Usage(0, 0, 0, -4, 0)).getMessage());
        assertEquals("cache_read_tokens must be >= 0, got -3",
                assertThrows(IllegalArgumentException.class, () -> new Usage(0, 0, 0, 0, -3)).getMessage());
    }

    @Test
    void promptTokensCountInputCacheWritesAndReadsButNotOutput() {
        Usage u = new Usage(1, 20, 300, 4_000, 50_000);
        assertEquals(54_301, u.promptTokens());
        assertEquals(54_321, u.totalTokens());
    }

    @Test
    void tokenSumsThatOverflowALongThrowInsteadOfWrapping() {
        Usage u = new Usage(Long.MAX_VALUE, 0, 0, 0, 1);
        assertThrows(ArithmeticException.class, u::promptTokens);
        assertThrows(ArithmeticException.class, new Usage(Long.MAX_VALUE, 1, 0, 0, 0)::totalTokens);
    }
}
