package dev.tokenomics.budget;

/** Small text helpers for messages. */
final class Texts {
    private Texts() {}

    static String quote(String text) {
        if (text == null) {
            return "nothing";
        }
        String shown = text.length() > 60 ? text.substring(0, 60) + "…(" + text.length() + " chars)" : text;
        return "'" + shown + "'";
    }
}
