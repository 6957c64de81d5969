package no.nabolag.local.resident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A person plays a resident's phone on /demo/: registers it, chooses what to follow, reads the feed, sees pushes. */
class DemoPageIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private final LocalStack stack = LocalStack.shared();
    private WebDriver browser;
    private Path profile;

    @BeforeEach
    void startBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver); skipping");
        profile = Files.createTempDirectory("nabolag-demo-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Runs axe-core (from the module's node_modules, installed by the build) on the page: serious and critical rules. */
    @SuppressWarnings("unchecked")
    private List<String> accessibilityViolations() {
        Path axe = Path.of("node_modules/axe-core/axe.min.js");
        // axe-core comes with the build (npm ci in generate-resources): its absence is a broken build, not a skip.
        assertThat(axe).as("axe-core, installed by the build (npm ci in infrastructure/local)").isReadable();
        try {
            ((JavascriptExecutor) browser).executeScript(Files.readString(axe));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Object result = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.id + ': ' + v.help + ' (' + v.nodes.length + ')')));");
        return (List<String>) result;
    }

    /** Upper bounds, not timings: a new tenant reaches the catalog after the resident API's cache TTL (20 s). */
    private WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    @Test
    void aResidentRegistersSubscribesReadsTheFeedAndSeesPushes() {
        // Arrange: a district of our own, and a post in it.
        TestCatalog catalog = TestCatalog.shared(stack);
        String district = catalog.freshDistrict();
        String title = "Demo <post> & " + Instant.now().toEpochMilli();
        new TestPosts(stack).published(catalog.tenantId, List.of(district), List.of("news"), title,
                Instant.now().minusSeconds(30));

        // Act: register the phone.
        browser.get(stack.baseUrl().resolve("/demo/").toString());
        new Select(browser.findElement(By.id("locale"))).selectByValue("en");
        browser.findElement(By.id("register")).click();
        waitUpTo(45).until(d -> d.findElement(By.id("device-id")).getText().length() == 32);
        String deviceId = browser.findElement(By.id("device-id")).getText();

        // choose the municipality, the district and a category, with quiet hours
        waitUpTo(45).until(d -> !d.findElements(By.cssSelector("#tenant option[value='" + catalog.tenantId + "']"))
                .isEmpty());
        new Select(browser.findElement(By.id("tenant"))).selectByValue(catalog.tenantId);
        waitUpTo(45).until(d -> !d.findElements(By.id("district-" + district)).isEmpty());
        browser.findElement(By.id("district-" + district)).click();
        waitUpTo(45).until(d -> !d.findElements(By.id("category-news")).isEmpty());
        browser.findElement(By.id("category-news")).click();
        browser.findElement(By.id("quiet-on")).click();
        browser.findElement(By.id("save-choices")).click();
        waitUpTo(45).until(d -> d.findElement(By.id("status")).getText().startsWith("Saved"));

        // Assert: the choices reached the API, and the feed shows the post as text (escaped, not markup).
        var items = stack.dynamoDb().query(r -> r.tableName(stack.tableName("SubscriptionsTable"))
                .keyConditionExpression("deviceId = :d")
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(deviceId)))).items();
        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.get("districtId").s()).isEqualTo(district);
            assertThat(item.get("categories").ss()).containsExactly("news");
            assertThat(item.get("quietHours").m().get("start").s()).isEqualTo("22:00");
        });
        waitUpTo(45).until(d -> !d.findElements(By.cssSelector("#feed li.post")).isEmpty());
        WebElement post = browser.findElement(By.cssSelector("#feed li.post .title"));
        assertThat(post.getText()).isEqualTo(title);
        assertThat(browser.findElements(By.cssSelector("#feed post"))).isEmpty();

        // With every section showing, axe-core finds no serious or critical accessibility problem.
        assertThat(accessibilityViolations()).isEmpty();

        // A push to this phone's endpoint shows up in its push list.
        String endpointArn = stack.dynamoDb().getItem(r -> r.tableName(stack.tableName("DevicesTable"))
                .key(Map.of("deviceId", AttributeValue.fromS(deviceId)))).item().get("endpointArn").s();
        stack.sns().publish(r -> r.targetArn(endpointArn).message("Hello <phone>"));
        browser.findElement(By.id("refresh-pushes")).click();
        waitUpTo(45).until(d -> d.findElement(By.id("pushes")).getText().contains("Hello <phone>"));

        // Forgetting the phone erases it.
        browser.findElement(By.id("forget")).click();
        waitUpTo(45).until(d -> d.findElement(By.id("status")).getText().contains("erased"));
        assertThat(stack.dynamoDb().getItem(r -> r.tableName(stack.tableName("DevicesTable"))
                .key(Map.of("deviceId", AttributeValue.fromS(deviceId)))).item()).isEmpty();
    }
}
