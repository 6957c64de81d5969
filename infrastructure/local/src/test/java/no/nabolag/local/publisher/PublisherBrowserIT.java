package no.nabolag.local.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import no.nabolag.core.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A publisher in headless Chromium: opens the link, fills in the form, submits, reads the receipt; sends wrong
 * input and sees the messages. axe-core checks the form, error and receipt pages (WCAG 2.1 A/AA rules): no
 * serious or critical violations.
 */
class PublisherBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");
    private static WebDriver browser;
    private static Path profile;
    private final PublisherClient client = new PublisherClient();

    @BeforeAll
    static void startBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or ChromeDriver missing: apt-get install -y chromium chromium-driver");
        // axe-core comes with the build (npm ci in generate-resources): its absence is a broken build, not a skip.
        assertThat(AXE).as("axe-core, installed by the build (npm ci) in infrastructure/local").isRegularFile();
        profile = Files.createTempDirectory("nabolag-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1600", "--lang=nb-NO");
        // A Norwegian browser: the form follows Accept-Language (English is asked for with ?lang=en below).
        options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", "nb-NO,nb,en"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30)).scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void publisherFillsInTheFormAndReadsTheReceipt() {
        // Arrange
        String name = PublisherClient.unique("Sagene bibliotek");
        String url = client.linkUrl(client.unit(name));

        // Act: open the link, check the form's accessibility, fill it in and submit
        browser.get(url);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(name);
        assertThat(seriousViolations()).as("axe on the form").isEmpty();
        screenshot("publisher-form");
        assertThat(stylesheetApplied()).as("the stylesheet loads under the CSP").isTrue();
        browser.findElement(By.id("title")).sendKeys("Eventyrstund for barn");
        browser.findElement(By.id("body")).sendKeys("Hver lørdag kl. 11.\nLes mer på https://deichman.no");
        browser.findElement(By.cssSelector("label[for='district-sagene']")).click();
        browser.findElement(By.cssSelector("label[for='category-culture-events']")).click();
        browser.findElement(By.cssSelector("button[type='submit']")).click();

        // Assert: the receipt shows the post and its state
        assertThat(browser.getCurrentUrl()).contains("/receipts/");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Takk! Meldingen er mottatt.");
        assertThat(browser.findElement(By.cssSelector(".post-title")).getText()).isEqualTo("Eventyrstund for barn");
        assertThat(browser.findElement(By.cssSelector(".state")).getText()).isIn("Publisert", "Publiseres nå");
        assertThat(browser.findElement(By.cssSelector(".post-body a")).getAttribute("href")).isEqualTo("https://deichman.no/");
        assertThat(seriousViolations()).as("axe on the receipt").isEmpty();
        screenshot("publisher-receipt");
        String postId = PublisherClient.postIdOf(browser.getCurrentUrl());
        assertThat(client.post(postId).get("status").asText()).isEqualTo("PUBLISHED");
    }

    @Test
    void wrongInputShowsMessagesBesideTheFieldsAndKeepsWhatWasTyped() {
        String url = client.linkUrl(client.unit(PublisherClient.unique("Sagene bydel")));

        browser.get(url + "?lang=en");
        browser.findElement(By.id("body")).sendKeys("Text that must survive");
        browser.findElement(By.id("url")).sendKeys("http://insecure.example");
        browser.findElement(By.cssSelector("button[type='submit']")).click();

        // The click returns before the answer is shown: wait for the error page.
        WebElement summary = new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".error-summary")));
        assertThat(summary.getText()).contains("There is a problem", "Enter a title.", "Choose at least one district.",
                "Choose at least one category.", "The link must be a full address starting with https://");
        assertThat(browser.findElement(By.id("title-error")).getText()).contains("Enter a title.");
        assertThat(browser.findElement(By.id("title")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.findElement(By.id("body")).getAttribute("value")).isEqualTo("Text that must survive");
        assertThat(browser.findElement(By.id("url")).getAttribute("value")).isEqualTo("http://insecure.example");
        assertThat(seriousViolations()).as("axe on the error page").isEmpty();
        screenshot("publisher-form-errors");

        // the summary's links lead to the fields
        summary.findElement(By.cssSelector("a[href='#title']")).click();
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("title");

        // fixing the input publishes
        browser.findElement(By.id("title")).sendKeys("Fixed");
        browser.findElement(By.id("url")).clear();
        browser.findElement(By.cssSelector("label[for='district-sagene']")).click();
        browser.findElement(By.cssSelector("label[for='category-youth']")).click();
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//h1[normalize-space()='Thank you! The post was received.']")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Thank you! The post was received.");
    }

    @Test
    void linkErrorPagesAreAccessibleToo() {
        browser.get(client.stack.baseUrl() + "/p/not-a-real-link");

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Lenken virker ikke");
        assertThat(seriousViolations()).isEmpty();
    }

    /** Injects axe-core (executeScript runs through the driver, not as page script, so the CSP does not block it). */
    private static List<String> seriousViolations() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        try {
            js.executeScript(Files.readString(AXE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Object result = js.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                + ".then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length})))))"
                + ".catch(e => done('error: ' + e));");
        assertThat(String.valueOf(result)).doesNotStartWith("error:");
        List<String> serious = new ArrayList<>();
        JsonNode violations = Json.read(String.valueOf(result), JsonNode.class);
        System.out.println("axe: " + violations.size() + " violations on " + browser.getCurrentUrl());
        for (JsonNode v : violations) {
            String impact = v.path("impact").asText();
            System.out.println("axe: " + v.get("id").asText() + " (" + impact + ") on " + browser.getCurrentUrl());
            if (impact.equals("serious") || impact.equals("critical")) {
                serious.add(v.get("id").asText() + " (" + impact + ", " + v.get("nodes").asInt() + " nodes)");
            }
        }
        return serious;
    }

    /** Saves what the publisher sees to target/screenshots, for people to look at. */
    private static void screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "screenshots"));
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean stylesheetApplied() {
        Object weight = ((JavascriptExecutor) browser).executeScript(
                "return getComputedStyle(document.querySelector('.brand')).fontWeight;");
        return "700".equals(String.valueOf(weight));
    }
}
