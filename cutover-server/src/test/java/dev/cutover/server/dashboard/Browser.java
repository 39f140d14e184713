package dev.cutover.server.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium driven through its own chromedriver (both named by path, so Selenium Manager never
 * downloads anything). Absent, the browser tests are skipped with the reason — unless {@code
 * CUTOVER_BROWSER_TESTS=required} (CI installs both), where their absence fails the test.
 */
final class Browser implements AutoCloseable {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test (or fails it, when browser tests are required) when Chromium or its driver is missing. */
    static void assumeInstalled() {
        String missing = !CHROMIUM.canExecute()
                ? CHROMIUM + " is not installed (apt-get install chromium)"
                : !CHROMEDRIVER.canExecute()
                        ? CHROMEDRIVER + " is not installed (apt-get install chromium-driver)"
                        : null;
        if (missing != null && "required".equals(System.getenv("CUTOVER_BROWSER_TESTS"))) {
            throw new AssertionError("CUTOVER_BROWSER_TESTS=required, but " + missing);
        }
        Assumptions.assumeTrue(missing == null, () -> "browser test skipped: " + missing);
    }

    static Browser start() throws IOException {
        Path profile = Files.createTempDirectory("cutover-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1920,1080",
                "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort()
                .withTimeout(Duration.ofSeconds(60))
                .build();
        return new Browser(new ChromeDriver(service, options), profile);
    }

    /** The page's console messages at SEVERE level (errors, failed loads) since the last call. */
    List<LogEntry> severeConsoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
    }

    /** Writes a screenshot of the window to {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
