package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar's serve --http banner names the dashboard's address, and that address serves the page. */
class ServeBannerIT {
    private static final Pattern DASHBOARD = Pattern.compile("^  dashboard: +(http://\\S+/)$");

    @TempDir
    Path dir;

    @Test
    void theBannerPrintsTheDashboardAddress() throws Exception {
        String jar = System.getProperty("tokenomics.jar", "target/tokenomics.jar");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "serve", "--http", "0", "--db", dir.resolve("ledger.db").toString()).redirectOutput(
                        ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
            String url = null;
            StringBuilder seen = new StringBuilder();
            for (String line; url == null && (line = err.readLine()) != null; ) {
                seen.append(line).append('\n');
                Matcher m = DASHBOARD.matcher(line);
                if (m.matches()) {
                    url = m.group(1);
                }
            }
            assertNotNull(url, "no dashboard line in the banner:\n" + seen);
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"/dashboard.js\"></script>"), page.body());
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
