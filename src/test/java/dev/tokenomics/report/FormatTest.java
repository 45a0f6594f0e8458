package dev.tokenomics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tokenomics.text.Format;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FormatTest {
    @Test
    void countGroupsThousandsAsTheFormatterDoes() {
        Random random = new Random(3);
        long[] edges = {0, 7, -7, 999, -999, 1_000, -1_000, 999_999, 1_000_000, 123_456_789, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long n : edges) {
            assertEquals(String.format(Locale.ROOT, "%,d", n), Format.count(n));
        }
        for (int i = 0; i < 10_000; i++) {
            long n = random.nextLong() >> random.nextInt(64);
            assertEquals(String.format(Locale.ROOT, "%,d", n), Format.count(n), Long.toString(n));
        }
    }
}
