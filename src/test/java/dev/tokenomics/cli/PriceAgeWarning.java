package dev.tokenomics.cli;

/**
 * The bundled price table is older than 90 days on most days these tests run, so every command
 * starts its stderr with one warning line about it (PricesCliTest checks that line); tests about
 * other stderr lines look past it.
 */
public final class PriceAgeWarning {
    private PriceAgeWarning() {}

    public static String strip(String err) {
        return err.replaceAll("(?m)^warning: the price table is from .*\\R", "");
    }
}
