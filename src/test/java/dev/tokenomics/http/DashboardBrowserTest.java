package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tokenomics.ledger.EventInput;
import dev.tokenomics.ledger.TaskUpdate;
import dev.tokenomics.ledger.TokenLedger;
import dev.tokenomics.mcp.TokenomicsServer;
import dev.tokenomics.pricing.Usage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real browser: Debian's chromium and chromium-driver, headless, load the page
 * from a server on a free port, at a phone's, a laptop's and a desktop's width. Skipped (with the
 * reason) where they are not installed; .ci/run installs them, so CI runs it. A screenshot per width
 * goes to target/dashboard-WIDTH.png for a person to look at.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WINDOW = "?since=2026-11-01&until=2026-11-22";
    /** Each painted bar's centre pixel must have the bar's colour: returns the marks that do not. */
    private static final String UNPAINTED = """
            const r = window.tokenomicsCharts[arguments[0]];
            const ctx = r.canvas.getContext('2d');
            const hex = c => [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16));
            return r.marks.filter(m => m.w >= 3 && m.h >= 3).filter(m => {
              const d = ctx.getImageData(Math.floor(m.x + m.w / 2), Math.floor(m.y + m.h / 2), 1, 1).data;
              const want = hex(m.color);
              return d[3] < 250 || want.some((v, i) => Math.abs(v - d[i]) > 6);
            }).map(m => m.series + '@' + m.i);""";

    @TempDir
    Path dir;

    @Test
    void atEveryWidthTheChartsHaveTheirMarksThePageFitsAndTheNumbersAreTheApis() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no browser: install chromium and chromium-driver (apt-get install -y chromium chromium-driver) "
                        + "to run the dashboard's browser test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--hide-scrollbars",
                "--force-device-scale-factor=1", "--window-size=1280,2400",
                // Without it chromedriver makes an org.chromium.Chromium.* profile in /tmp and leaves it.
                "--user-data-dir=" + dir.resolve("chromium-profile"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        try (TokenLedger ledger = DashboardFixture.build(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            // An unpriced task on a third day: it must read "--", and the total a lower bound.
            ledger.tasks().updateTaskStatus(new TaskUpdate("T-ACME", "in_progress", null, "acme work", "ws-b", "small-repo",
                    null, null));
            ledger.events().recordAll(List.of(new EventInput("e3", Instant.parse("2026-11-22T08:00:00Z"), null, null, null,
                    "sess-1", "T-ACME", "ws-b", "small-repo", null, "acme-coder-9", null, null, null, null, null, null,
                    new Usage(40_000, 2_000, 0, 0, 10_000), null, true, "claude-code", null, null, null)));
            // A global daily budget: the cost-per-day chart draws it as a line, the budgets card shows its level.
            assertTrue(!Boolean.TRUE.equals(TokenomicsServer.call(ledger, "set_budget", Map.of("name", "daily",
                    "scope", "global", "period", "day", "limit_usd", 20)).isError()));
            String base = "http://127.0.0.1:" + server.port();
            Map<?, ?> api = json(base + "/api/dashboard" + WINDOW);
            Map<?, ?> summary = json(base + "/api/summary" + WINDOW);
            ChromeDriver browser = new ChromeDriver(service, options);
            try {
                // The three widths issue 17 names, and the ends of the range the layout promises.
                for (int width : new int[] {375, 1280, 1920, 360, 2560}) {
                    browser.manage().window().setSize(new Dimension(width, 2400));
                    browser.get(base + "/" + WINDOW);
                    new WebDriverWait(browser, Duration.ofSeconds(20))
                            .until(d -> !d.findElements(By.cssSelector("#model-chart[data-marks]")).isEmpty());
                    checkPage(browser, width, api, summary);
                    if (width == 1280) {
                        checkViews(browser);
                        checkDarkMode(browser, api);
                    }
                }
                // Past ~160 days the old chart lost its last bars: 206 days must still draw both days with spend.
                browser.manage().window().setSize(new Dimension(1280, 2400));
                browser.get(base + "/?since=2026-05-01&until=2026-11-22");
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(d -> !d.findElements(By.cssSelector("#day-chart[data-marks]")).isEmpty());
                assertEquals("2", marks(browser, "day-chart"), "206 days, 2 with spend");
                assertEquals(List.of(), browser.executeScript(UNPAINTED, "day-chart"));
                assertEquals(Boolean.TRUE, browser.executeScript("const r = window.tokenomicsCharts['day-chart'];"
                        + "return r.marks.every(m => m.x >= 0 && m.x + m.w <= r.canvas.width);"), "bars inside the plot");
                assertTrue((Boolean) browser.executeScript("return document.documentElement.scrollWidth "
                        + "<= document.documentElement.clientWidth"));
                Files.write(Path.of("target", "dashboard-206-days.png"), browser.getScreenshotAs(OutputType.BYTES));

                // The standalone file draws the same charts from its inlined scripts and data, fetching nothing.
                Path file = dir.resolve("dashboard.html");
                Files.writeString(file, DashboardPage.standalone(DashboardData.all(ledger,
                        DashboardData.Window.parse("2026-11-01", "2026-11-22", ledger.clock()))));
                browser.get(file.toUri().toString());
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(d -> !d.findElements(By.cssSelector("#model-chart[data-marks]")).isEmpty());
                assertEquals("2", marks(browser, "day-chart"));
                assertEquals(List.of(), browser.executeScript(UNPAINTED, "model-chart"));
                assertEquals("\u2265 $15.60", browser.findElement(By.id("total-cost")).getText());
                assertTrue(browser.findElement(By.id("sessions-view")).getText().contains("Not in a snapshot file"));
                assertEquals(0L, browser.executeScript("return performance.getEntriesByType('resource').length"),
                        "the file loaded nothing");

                List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
                assertTrue(errors.isEmpty(), "console errors: " + errors);

                // An empty ledger invites a first event instead of drawing empty charts.
                try (TokenLedger empty = dev.tokenomics.ledger.LedgerTestSupport.open(dir.resolve("empty"));
                        HttpServer second = HttpServer.start(empty, new HttpOptions("127.0.0.1", 0, null, null))) {
                    browser.get("http://127.0.0.1:" + second.port() + "/");
                    WebElement invite = new WebDriverWait(browser, Duration.ofSeconds(20))
                            .until(d -> d.findElements(By.id("empty")).stream().findFirst().orElse(null));
                    assertTrue(invite.getText().contains("./tokenomics record") && invite.getText().contains("import"),
                            invite.getText());
                    assertTrue(browser.findElements(By.id("repo-chart")).isEmpty());
                }
            } finally {
                browser.quit();
            }
        }
    }

    private static void checkPage(ChromeDriver browser, int width, Map<?, ?> api, Map<?, ?> summary) throws Exception {
        String at = " at " + width + " px";
        Object overflow = browser.executeScript("return [document.documentElement.scrollWidth, "
                + "document.documentElement.clientWidth, [...document.querySelectorAll('section')]"
                + ".filter(s => s.scrollWidth > s.clientWidth + 1).map(s => s.id || s.querySelector('h2').textContent)]");
        List<?> o = (List<?>) overflow;
        assertTrue(((Number) o.get(0)).longValue() <= ((Number) o.get(1)).longValue(), "page scrolls sideways" + at + ": " + o);
        assertEquals(List.of(), o.get(2), "cards wider than their box" + at);

        Map<?, ?> b = (Map<?, ?>) api.get("breakdown");
        List<?> days = (List<?>) api.get("by_day");
        long spendDays = days.stream().map(d -> ((Map<?, ?>) d).get("cost_usd"))
                .filter(c -> c != null && Double.parseDouble(c.toString()) > 0).count();
        assertEquals(2, spendDays, "the fixture's priced days");
        assertEquals(String.valueOf(spendDays), marks(browser, "day-chart"), "one bar per day with spend" + at);
        assertEquals(String.valueOf(((List<?>) b.get("by_model")).size()), marks(browser, "model-chart"),
                "one bar per model" + at);
        assertEquals(String.valueOf(((List<?>) b.get("by_repo")).size()), marks(browser, "repo-chart"),
                "one bar per repo" + at);
        long hitDays = days.stream().filter(d -> ((Map<?, ?>) d).get("cache_hit_pct") != null).count();
        assertEquals(String.valueOf(hitDays), marks(browser, "cache-chart"), "one point per day with input" + at);
        for (String chart : List.of("day-chart", "model-chart", "repo-chart")) {
            assertEquals(List.of(), browser.executeScript(UNPAINTED, chart), chart + " bars not on the canvas" + at);
        }

        // The numbers on the page are the API's: the tool's summary, and /api/dashboard's rows.
        assertEquals(String.valueOf(summary.get("tokens_total")),
                browser.findElement(By.id("total-tokens")).getDomAttribute("data-value"));
        assertEquals(String.valueOf(summary.get("event_count")),
                browser.findElement(By.id("total-events")).getDomAttribute("data-value"));
        assertEquals(Boolean.FALSE, summary.get("cost_complete"), "an unpriced event makes the total a floor");
        assertEquals("\u2265 $15.60", browser.findElement(By.id("total-cost")).getText() , "$15 + $0.60, acme unpriced");
        String acme = browser.findElement(By.xpath("//table[@id='top-tasks']//tr[td[starts-with(., 'T-ACME')]]"))
                .getText();
        assertTrue(acme.endsWith("--"), "an unpriced task shows --, never $0.00" + at + ": " + acme);
        List<WebElement> wsCells = browser.findElements(By.cssSelector("#workstreams tbody tr td:first-child"));
        List<?> ws = (List<?>) b.get("by_workstream");
        assertEquals(ws.size(), wsCells.size());
        for (int i = 0; i < ws.size(); i++) {
            assertEquals(((Map<?, ?>) ws.get(i)).get("key"), wsCells.get(i).getDomAttribute("title"));
        }
        String note = browser.findElement(By.id("window-note")).getText();
        assertTrue(note.contains("2026-11-01 to 2026-11-22 (UTC)") && note.contains("prices:"), note);
        Path shot = Path.of("target", "dashboard-" + width + ".png");
        Files.createDirectories(shot.getParent());
        Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
    }

    /** The budget line is on the canvas, in the budget's colour, and its level is in the budgets card. */
    private static void checkBudgetLine(ChromeDriver browser) {
        Object missing = browser.executeScript("""
                const r = window.tokenomicsCharts['day-chart'];
                const ctx = r.canvas.getContext('2d');
                const hex = c => [1, 3, 5].map(i => parseInt(c.slice(i, i + 2), 16));
                return r.lines.filter(l => {
                  const want = hex(l.color), mid = Math.floor((l.x0 + l.x1) / 2);
                  const row = ctx.getImageData(mid - 20, Math.round(l.y) - 1, 40, 3).data;
                  for (let i = 0; i < row.length; i += 4) {
                    if (want.every((v, k) => Math.abs(v - row[i + k]) <= 40) && row[i + 3] > 100) return false;
                  }
                  return true;
                }).map(l => l.name).concat(r.lines.length ? [] : ['no line']);""");
        assertEquals(List.of(), missing, "budget line not drawn");
        assertTrue(browser.findElement(By.id("day-chart")).getText().contains("budget daily ($20.00/day)"),
                browser.findElement(By.id("day-chart")).getText());
        String budget = browser.findElement(By.cssSelector("#budgets tbody tr")).getText();
        // Today (2026-11-22) holds only T-ACME's unpriced event: no spend to show, not $0.00.
        assertTrue(budget.startsWith("daily (day)") && budget.contains(" -- of $20.00"), budget);
    }

    /** prefers-color-scheme: dark redraws the page in the dark palette, bars included. */
    private static void checkDarkMode(ChromeDriver browser, Map<?, ?> api) throws Exception {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "dark"))));
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> "rgb(20, 20, 24)".equals(
                ((ChromeDriver) d).executeScript("return getComputedStyle(document.body).backgroundColor")));
        // A day's bar is the input colour, or the critical one when the API marks the day an outlier.
        List<?> days = (List<?>) api.get("by_day");
        List<String> want = new java.util.ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Map<?, ?> day = (Map<?, ?>) days.get(i);
            Object c = day.get("cost_usd");
            if (c != null && Double.parseDouble(c.toString()) > 0) {
                want.add(i + (Boolean.TRUE.equals(day.get("outlier")) ? ":#ff6b61" : ":#6f94ff"));
            }
        }
        assertTrue(want.stream().anyMatch(w -> w.endsWith("#6f94ff")), "a day that is not an outlier: " + want);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> want.equals(((ChromeDriver) d).executeScript(
                "return window.tokenomicsCharts['day-chart'].marks.map(m => m.i + ':' + m.color)")));
        assertEquals(List.of(), browser.executeScript(UNPAINTED, "day-chart"), "dark bars on the canvas");
        Files.write(Path.of("target", "dashboard-1280-dark.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", "light"))));
    }

    /**
     * The views: by agent CLI names claude-code; the current 5-hour block (T-ACME at 08:00, the clock at
     * 10:00) has a burn rate and a projection; sessions list sess-1, and a click lists its one event.
     */
    private static void checkViews(ChromeDriver browser) {
        checkBudgetLine(browser);
        WebElement wsA = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                By.xpath("//table[@id='workstreams']//tr[td[@title='ws-a']][count(td) = 5]")).stream().findFirst()
                .orElse(null));
        assertTrue(wsA.getText().endsWith("claude-haiku-4-5"), "ws-a's dominant model: " + wsA.getText());
        WebElement source = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                By.xpath("//table[@id='sources']//tr[td[@title='claude-code']]")).stream().findFirst().orElse(null));
        assertTrue(source.getText().endsWith("--"), "claude-code's only event is unpriced: " + source.getText());
        WebElement machine = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                By.cssSelector("table#machines tbody tr")).stream().findFirst().orElse(null));
        assertTrue(!machine.getText().isBlank(), "the by-machine view lists the fixture's machine");
        WebElement block = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                By.id("active-block")).stream().findFirst().orElse(null));
        assertTrue(block.getText().contains("52.0K tokens") && block.getText().contains("projected"), block.getText());
        assertEquals("1", marks(browser, "blocks-chart"), "one bar per block");
        assertEquals(List.of(), browser.executeScript(UNPAINTED, "blocks-chart"));
        WebElement row = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElements(
                By.xpath("//table[@id='sessions']//tr[td[@title='sess-1']]")).stream().findFirst().orElse(null));
        row.click();
        List<WebElement> events = new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> {
            List<WebElement> rows = d.findElements(By.cssSelector("#session-event-table tbody tr"));
            return rows.isEmpty() ? null : rows;
        });
        assertEquals(1, events.size());
        assertTrue(events.get(0).getText().contains("acme-coder-9") && events.get(0).getText().endsWith("--"),
                events.get(0).getText());
    }

    private static String marks(ChromeDriver browser, String id) {
        return browser.findElement(By.id(id)).getDomAttribute("data-marks");
    }

    private static Map<?, ?> json(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readValue(r.body(), Map.class);
    }
}
