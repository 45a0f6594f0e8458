package dev.tokenomics.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tokenomics.ledger.TokenLedger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's chromium and chromium-driver, headless, load the page
 * from a server on a free port. Skipped (with the reason) where they are not installed; .ci/run
 * installs them, so CI runs it. A screenshot goes to target/dashboard.png for a person to look at.
 */
class DashboardBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path dir;

    @Test
    void theChartsAndTablesShowTheLedgerAndTheConsoleStaysClean() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "no browser: install chromium and chromium-driver (apt-get install -y chromium chromium-driver) "
                        + "to run the dashboard's browser test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-extensions", "--window-size=1280,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        try (TokenLedger ledger = DashboardFixture.build(dir);
                HttpServer server = HttpServer.start(ledger, new HttpOptions("127.0.0.1", 0, null, null))) {
            ChromeDriver browser = new ChromeDriver(service, options);
            try {
                browser.get("http://127.0.0.1:" + server.port() + "/?since=2026-11-01&until=2026-11-22");
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(d -> !d.findElements(By.cssSelector("#repo-chart g.repo-bar")).isEmpty());
                List<WebElement> bars = browser.findElements(By.cssSelector("#repo-chart g.repo-bar"));
                assertEquals(2, bars.size());
                assertEquals("big-repo", bars.get(0).getAttribute("data-repo"));
                assertEquals("small-repo", bars.get(1).getAttribute("data-repo"));
                double big = bars.get(0).getRect().getHeight();
                double small = bars.get(1).getRect().getHeight();
                // 3,000,000 against 600,000 tokens: the drawn heights keep that order (5:1)
                assertTrue(big > small * 4 && small > 0, "heights " + big + " and " + small);
                String firstTask = browser.findElement(By.cssSelector("#top-tasks tbody tr:first-child td:first-child"))
                        .getText();
                assertEquals("T-EXPENSIVE", firstTask);
                assertTrue(browser.findElement(By.id("total-tokens")).getText().startsWith("3.6M"),
                        browser.findElement(By.id("total-tokens")).getText());
                assertEquals("$15.60", browser.findElement(By.id("total-cost")).getText()); // $15 + $0.60
                assertTrue(browser.findElement(By.id("status")).getText().startsWith("Read at"));
                Path shot = Path.of("target", "dashboard.png");
                Files.createDirectories(shot.getParent());
                Files.write(shot, browser.getScreenshotAs(OutputType.BYTES));
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
}
