package dev.cutover.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.sandbox.EmbeddedCluster;
import dev.cutover.testkit.Cluster;
import dev.cutover.testkit.ClustersExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (headless Chromium): it loads, shows the running link's numbers, follows the link
 * live as more records are copied (no reload), moves between its sections, shows hostile names as text, and writes no
 * error to the browser's console. Screenshots of each section go to {@code target/screenshots/}.
 */
@ExtendWith(ClustersExtension.class)
class DashboardBrowserIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @BeforeAll
    static void browserInstalled() {
        Browser.assumeInstalled();
    }

    @Test
    void thePageFollowsTheLinkLiveAndEverySectionRendersWithoutConsoleErrors(
            @Cluster("source") EmbeddedCluster source, @Cluster("target") EmbeddedCluster target, @TempDir Path dir)
            throws Exception {
        // Given a workspace with its inventory, plan, readiness report and journal, and a link that copies 300 records
        try (LinkedWorkspace ws = LinkedWorkspace.start(dir, source, target, 300, true);
                DashboardServer server =
                        DashboardServer.start(DashboardServer.Settings.of(dir, "127.0.0.1", 0, Optional.empty())
                                .withPoll(Duration.ofSeconds(1)));
                Browser browser = Browser.start()) {
            WebDriverWait wait = new WebDriverWait(browser.driver, TIMEOUT);
            wait.ignoring(StaleElementReferenceException.class); // the page re-renders as it refreshes

            // When the page is opened
            browser.driver.get(server.url());

            // Then it is live and its overview shows the link
            wait.until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#tab-overview [data-link='default'] [data-kpi='lag']")));
            assertThat(text(wait, "#tab-overview [data-link='default'] .pill.ok"))
                    .isEqualToIgnoringCase("running");
            browser.screenshot("overview");
            assertNoPlaceholders(browser);

            // When the Links section is chosen
            browser.driver
                    .findElement(By.cssSelector("#tabs a[data-tab='links']"))
                    .click();

            // Then it shows the link's numbers: every record copied, three partitions, and its charts
            wait.until(d -> figure(d, "copied") == 300);
            assertThat(browser.driver.findElements(By.cssSelector("#tab-links tr[data-partition]")))
                    .hasSize(LinkedWorkspace.PARTITIONS);
            assertThat(browser.driver.findElements(By.cssSelector("#tab-links .chart canvas")))
                    .hasSizeGreaterThanOrEqualTo(2);
            String before = browser.driver.getCurrentUrl();

            // When more records are written to the source
            LinkedWorkspace.produce(source, 400);

            // Then the page shows them copied, without a reload, and a throughput above zero
            wait.until(d -> figure(d, "copied") == 700);
            wait.until(d -> ratePeak(d) > 0); // the chart's peak: the latest rate is 0 again once all is copied
            assertThat(browser.driver.getCurrentUrl()).isEqualTo(before);
            browser.screenshot("links");
            assertNoPlaceholders(browser);

            // When the Estate section is chosen
            browser.driver
                    .findElement(By.cssSelector("#tabs a[data-tab='estate']"))
                    .click();

            // Then the workload shows its owner as the text it is, not as markup
            assertThat(text(wait, "#tab-estate tr[data-workload='orders-api']"))
                    .contains(LinkedWorkspace.HOSTILE_OWNER);
            assertThat(browser.driver.findElements(By.cssSelector("main img"))).isEmpty();
            browser.screenshot("estate");
            assertNoPlaceholders(browser);

            // When Plan & readiness is chosen: each wave with its pattern, verdict and the workloads' seven areas
            browser.driver
                    .findElement(By.cssSelector("#tabs a[data-tab='plan']"))
                    .click();
            WebElement wave =
                    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tab-plan [data-wave]")));
            assertThat(wave.getText()).containsIgnoringCase("not ready");
            assertThat(wave.findElements(By.cssSelector("tr[data-workload='orders-api'] td.cell")))
                    .hasSize(7);

            // And a workload's findings, once opened, stay open while the page refreshes
            browser.driver
                    .findElement(By.cssSelector("#tab-plan [data-wave='wave-1'] details summary"))
                    .click();
            awaitRefresh(wait); // the one under way when the summary was clicked may have rendered before the click
            awaitRefresh(wait);
            assertThat(text(wait, "#tab-plan [data-wave='wave-1'] details[open]"))
                    .contains("findings and evidence");
            browser.screenshot("plan");
            assertNoPlaceholders(browser);

            // When Waves is chosen: the wave waits for an operator, and the journal's text is shown as text
            browser.driver
                    .findElement(By.cssSelector("#tabs a[data-tab='waves']"))
                    .click();
            assertThat(text(wait, "#tab-waves [data-wave='wave-1'] .banner"))
                    .contains("stray clients block the confirmation: <b>orders-api-7</b>");
            browser.screenshot("waves");
            assertNoPlaceholders(browser);

            // And nothing went to the console as an error
            assertThat(browser.severeConsoleMessages()).isEmpty();
            assertThat(ws.link.failure()).isEmpty();
        }
    }

    /** The visible page shows no value that was never filled in: "unknown" is said in words, with the reason. */
    private static void assertNoPlaceholders(Browser browser) {
        String shown = browser.driver.findElement(By.tagName("main")).getText();
        assertThat(shown).doesNotContainPattern("\\bnull\\b|\\bundefined\\b|\\bNaN\\b|\\[object ");
    }

    /** Waits until the page has refreshed once more (it stamps {@code data-refreshed} on the body after each). */
    private static void awaitRefresh(WebDriverWait wait) {
        String before = wait.until(d -> d.findElement(By.tagName("body")).getAttribute("data-refreshed"));
        wait.until(d -> !before.equals(d.findElement(By.tagName("body")).getAttribute("data-refreshed")));
    }

    /** The text of the first element {@code css} finds, once there is one (read again if the page re-rendered it). */
    private static String text(WebDriverWait wait, String css) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            return found.isEmpty() || !found.get(0).isDisplayed()
                    ? null
                    : found.get(0).getText();
        });
    }

    /** The highest records/s of the link's throughput chart ({@code data-peak}), or -1 while it has none. */
    private static double ratePeak(WebDriver driver) {
        Object value = ((JavascriptExecutor) driver)
                .executeScript("var e = document.querySelector(\"#tab-links [data-link='default'] .chart[data-peak]\");"
                        + " return e ? e.getAttribute('data-peak') : null;");
        return value == null || value.toString().isEmpty() ? -1 : Double.parseDouble(value.toString());
    }

    /** A KPI's raw figure ({@code data-value}) on the Links section, read in one script so a re-render cannot interfere. */
    private static double figure(WebDriver driver, String kpi) {
        Object value = ((JavascriptExecutor) driver)
                .executeScript(
                        "var e = document.querySelector(\"#tab-links [data-link='default'] [data-kpi='\" + arguments[0]"
                                + " + \"']\"); return e ? e.getAttribute('data-value') : null;",
                        kpi);
        return value == null || value.toString().isEmpty() ? -1 : Double.parseDouble(value.toString());
    }
}
