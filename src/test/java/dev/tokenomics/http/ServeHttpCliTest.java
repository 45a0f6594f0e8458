package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.tokenomics.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tokenomics serve --http}: what it refuses to start with, and how it says so. */
class ServeHttpCliTest {
    @TempDir
    Path dir;

    record Run(int code, String err) {
        /** One line, "error: ...", with no Java class name in it. */
        String line() {
            String[] lines = err.strip().split("\n");
            assertEquals(1, lines.length, err);
            assertTrue(lines[0].startsWith("error: "), err);
            assertFalse(lines[0].matches(".*\\b(java|javax|jakarta|org|io)\\.[a-z.]+[A-Z]\\w*.*"), err);
            assertFalse(lines[0].contains("Exception"), err);
            return lines[0];
        }
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, dev.tokenomics.cli.PriceAgeWarning.strip(err.toString()));
    }

    @Test
    void hostBeyondLoopbackNeedsAToken() {
        Path db = dir.resolve("ledger.db");
        for (String host : List.of("0.0.0.0", "::", "192.168.1.20", "ledger.example")) {
            Run r = run("serve", "--http", "0", "--host", host, "--db", db.toString());
            assertEquals(2, r.code(), r.err());
            String line = r.line();
            assertTrue(line.contains("--host " + host) && line.contains("--auth-token"), line);
        }
        assertFalse(Files.exists(db), "refused before the ledger was opened");
    }

    @Test
    void emptyOrBlankTokenIsRefused() {
        for (String token : List.of("", "   ")) {
            Run r = run("serve", "--http", "0", "--auth-token", token, "--db", dir.resolve("l.db").toString());
            assertEquals(2, r.code(), r.err());
            assertEquals("error: --auth-token must not be empty or blank", r.line());
        }
    }

    @Test
    void blankTokenInTheEnvironmentIsRefused() throws Exception {
        // The environment cannot be changed in-process: run Main in a child JVM on the test classpath.
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "serve", "--http", "0", "--db", dir.resolve("l.db").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("TOKENOMICS_AUTH_TOKEN", " ");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), output);
        assertEquals(2, p.exitValue(), output);
        assertTrue(output.contains("error: TOKENOMICS_AUTH_TOKEN is set but empty or blank"), output);
    }

    @Test
    void takenPortIsOneLineNamingThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Run r = run("serve", "--http", String.valueOf(port), "--db", dir.resolve("l.db").toString());
            assertEquals(1, r.code(), r.err());
            assertEquals("error: cannot listen on 127.0.0.1:" + port + ": port " + port
                    + " is already in use (pick another with --http PORT, or 0 for a free one)", r.line());
        }
    }

    @Test
    void unwritableLedgerFolderIsOneLineNamingThePath() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Run r = run("serve", "--http", "0", "--db", file.resolve("ledger.db").toString());
        assertEquals(1, r.code(), r.err());
        String line = r.line();
        assertTrue(line.contains(file.toString()), line);
    }

    @Test
    void helpNamesTheNewFlags() {
        StringWriter out = new StringWriter();
        assertEquals(0, Main.run(new String[] {"serve", "--help"}, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        assertTrue(out.toString().contains("--allow-host"), out.toString());
        assertTrue(out.toString().contains("needs --auth-token"), out.toString());
    }
}
