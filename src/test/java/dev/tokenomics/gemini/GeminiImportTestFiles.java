package dev.tokenomics.gemini;

import java.nio.file.Path;

/** A one-message Gemini chat for tests outside this package. */
public final class GeminiImportTestFiles {
    private GeminiImportTestFiles() {}

    public static void chat(Path file, String session, String model, long input, long cached, long output,
            long thoughts) throws Exception {
        GeminiImportTest.write(file, GeminiImportTest.meta(session, "main"),
                GeminiImportTest.gemini("g1", "2026-11-20T10:00:02.000Z", model,
                        GeminiImportTest.tokens(input, cached, output, thoughts, 0)));
    }
}
