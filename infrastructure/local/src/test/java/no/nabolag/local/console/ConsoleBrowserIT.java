package no.nabolag.local.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import no.nabolag.aws.audience.DynamoDbAudienceCounter;
import no.nabolag.aws.post.DynamoDbPostStore;
import no.nabolag.core.audience.AudienceQuery;
import no.nabolag.core.json.Json;
import no.nabolag.core.post.Post;
import no.nabolag.core.post.PostStatus;
import no.nabolag.core.post.StateChange;
import no.nabolag.core.subscription.AudienceShard;
import no.nabolag.local.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
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
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The communication desk end to end in headless Chromium against the local stack: the Frogner editor signs in,
 * onboards a club, issues its link, opens the link in the same browser and publishes as the club, approves the post
 * in the console, and sees its delivery figures and charts once a simulated device (registered and subscribed through
 * the resident API) received it. Also: the editor cannot reach another district's post, publishing as the district
 * asks to confirm an urgent message, and every page passes axe-core without serious or critical violations.
 */
class ConsoleBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("node_modules/axe-core/axe.min.js");
    private static LocalStack stack;
    private static URI base;
    private static WebDriver driver;
    private static Path profile;
    private static final List<String> axeFindings = new ArrayList<>();

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium or ChromeDriver is missing: apt-get install -y chromium chromium-driver");
        // axe-core comes with the build (npm ci in generate-resources): its absence is a broken build, not a skip.
        assertThat(AXE).as("axe-core, installed by the build (npm ci)").isRegularFile();
        stack = LocalStack.shared();
        base = stack.baseUrl();
        profile = Files.createTempDirectory("console-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1280,1600", "--lang=nb-NO");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    private static WebElement waitFor(By by) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(by));
        } catch (org.openqa.selenium.TimeoutException e) {
            try {
                Files.writeString(Path.of("target/console-browser-failure.html"), driver.getCurrentUrl() + "\n"
                        + driver.getPageSource());
            } catch (IOException ignored) {
                // the timeout below says enough
            }
            throw e;
        }
    }

    private static void open(String path) {
        driver.get(base.resolve(path).toString());
    }

    /** Runs axe-core on the current page; serious and critical violations are collected for the final assertion. */
    private static void axe(String page) {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        try {
            js.executeScript(Files.readString(AXE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(JSON.stringify(r.violations)); })"
                + ".catch(function (e) { done('ERROR ' + e); });");
        String json = String.valueOf(result);
        assertThat(json).as("axe on " + page).doesNotStartWith("ERROR");
        try {
            for (JsonNode violation : Json.readTree(json)) {
                String impact = violation.path("impact").asText();
                if (impact.equals("serious") || impact.equals("critical")) {
                    axeFindings.add(page + ": " + impact + " " + violation.path("id").asText() + " – "
                            + violation.path("help").asText() + " " + violation.path("nodes").toString());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A simulated resident's phone: registered and following Frogner's sports through the resident API over HTTP. */
    private static String registerDevice() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String token = "browser-it-" + unique();
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(base.resolve("/v1/devices"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("platform", "android", "pushToken", token,
                        "locale", "nb", "timeZone", "Europe/Oslo")))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        JsonNode device = Json.readTree(registered.body());
        HttpResponse<String> subscribed = http.send(HttpRequest.newBuilder(base.resolve("/v1/devices/"
                        + device.path("deviceId").asText() + "/subscriptions"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer " + device.path("deviceSecret").asText())
                .PUT(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("subscriptions",
                        List.of(Map.of("districtId", "frogner", "categories", List.of("sports-outdoors")))))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subscribed.statusCode()).as(subscribed.body()).isEqualTo(200);
        return token;
    }

    @org.junit.jupiter.api.BeforeEach
    void clearFindings() {
        axeFindings.clear();
    }

    @Test
    void theFrognerEditorOnboardsAClubWhosePostIsApprovedAndDelivered() throws Exception {
        String pushToken = registerDevice();
        String club = "Frogner Tennisklubb " + unique();
        String title = "Klubbmesterskap " + unique();

        // Sign in as the Frogner editor through the issuer's login page
        signInAsEditor();
        assertThat(driver.getCurrentUrl()).startsWith(base.resolve("/console").toString());
        assertThat(driver.getPageSource()).contains("Frida Redaktør");
        axe("home");

        // Onboard a club
        open("/console/organizations");
        axe("organizations");
        driver.findElement(By.id("org-name")).sendKeys(club);
        driver.findElement(By.id("kind-external")).click();
        driver.findElement(By.id("district-frogner")).click();
        driver.findElement(By.id("category-sports-outdoors")).click();
        driver.findElement(By.id("onboard-submit")).click();
        waitFor(By.id("issue-link"));
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo(club);

        // Issue its link: a copy field and a QR code
        driver.findElement(By.id("issue-link")).click();
        String link = waitFor(By.id("issued-url")).getAttribute("value");
        screenshot("console-issued-link.png");
        assertThat(link).startsWith(base.toString().replaceAll("/$", "") + "/p/");
        assertThat(driver.findElements(By.cssSelector("svg.qr[role=img]"))).hasSize(1);
        axe("organization with issued link");

        // Open the link in the same browser and publish as the club (the publisher's form)
        driver.get(link);
        waitFor(By.id("title")).sendKeys(title);
        driver.findElement(By.id("body")).sendKeys("Velkommen til klubbmesterskap på lørdag!");
        check(By.id("district-frogner"));
        check(By.id("category-sports-outdoors"));
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/receipts/"));
        String postId = driver.getCurrentUrl().replaceAll(".*/receipts/([^/?#]+).*", "$1");

        // Approve it in the console, after reading it as residents will see it
        open("/console/moderation");
        axe("moderation");
        driver.findElement(By.cssSelector("a[href='/console/posts/" + postId + "']")).click();
        assertThat(waitFor(By.cssSelector("article.preview h3")).getText()).isEqualTo(title);
        axe("pending post");
        driver.findElement(By.id("approve")).click();
        waitFor(By.cssSelector("p.notice"));

        // Once the simulated device has received it, the figures and charts show it
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        long sent = 0;
        while (sent == 0 && Instant.now().isBefore(deadline)) {
            stack.awaitIdle(Duration.ofSeconds(30));
            driver.navigate().refresh();
            sent = Long.parseLong(waitFor(By.cssSelector("#outcomes-table tbody tr:nth-child(2) td.num")).getText());
        }
        assertThat(stack.snsEmulator().pushes()).anyMatch(p -> p.token().equals(pushToken) && p.message().contains(title));
        assertThat(sent).isPositive();
        assertThat(driver.findElement(By.id("post-status")).getAttribute("data-status")).isEqualTo("PUBLISHED");
        assertThat(Long.parseLong(driver.findElement(By.id("figure-matched")).getText())).isPositive();
        WebElement outcomes = driver.findElement(By.cssSelector("svg.chart[aria-labelledby='outcomes-chart-title outcomes-chart-desc']"));
        assertThat(outcomes.getAttribute("role")).isEqualTo("img");
        assertThat(driver.findElements(By.cssSelector("svg.chart[aria-labelledby='pushes-chart-title pushes-chart-desc']")))
                .hasSize(1);
        assertThat(driver.findElements(By.cssSelector("#pushes-table tbody tr"))).isNotEmpty();
        axe("delivered post with charts");
        screenshot("console-delivered-post.png");
        assertThat(axeFindings).as("axe-core serious/critical violations").isEmpty();
    }

    @Test
    void theEditorCannotReachAnotherDistrictsPostAndConfirmsAnUrgentMessage() {
        // Arrange: a pending post of Ullern
        DynamoDbPostStore posts = new DynamoDbPostStore(stack.dynamoDb(), stack.tableName("PostsTable"));
        String ullernPost = "it" + unique();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        posts.create(new Post(ullernPost, "oslo", "someone", "Ullern IL", List.of("ullern"), List.of("sports-outdoors"),
                "Ullern only", "Not for Frogner", null, null, null, false, null, null, now, null, PostStatus.PENDING, now,
                null, List.of(new StateChange(PostStatus.PENDING, now, "test", null)), null));
        signInAsEditor();

        // The browser gets no further than "not found"
        open("/console/posts/" + ullernPost);
        assertThat(driver.findElement(By.cssSelector("p.error")).getAttribute("data-status")).isEqualTo("404");
        assertThat(driver.getPageSource()).doesNotContain("Not for Frogner");
        axe("error page");
        open("/console/moderation");
        assertThat(driver.getPageSource()).doesNotContain(ullernPost);

        // Publishing as Frogner: an urgent message takes a confirmation step
        open("/console/publish?lang=en");
        axe("publish form (en)");
        assertThat(driver.findElements(By.id("district-ullern"))).isEmpty();
        driver.findElement(By.id("district-frogner")).click();
        driver.findElement(By.id("category-emergency")).click();
        String title = "Water outage " + unique();
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("body")).sendKeys("No water in Frogner until 18:00.");
        driver.findElement(By.id("urgent")).click();
        driver.findElement(By.id("publish")).click();
        waitFor(By.id("confirm-urgent"));
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Confirm the urgent message");
        axe("urgent confirmation (en)");
        driver.findElement(By.id("confirm-urgent")).click();
        waitFor(By.id("post-status"));
        assertThat(driver.findElement(By.cssSelector("article.preview h3")).getText()).isEqualTo(title);
        assertThat(driver.findElement(By.cssSelector("article.preview .urgent")).isDisplayed()).isTrue();
        axe("published post (en)");
        open("/console/posts?lang=nb");
        axe("post list");
        assertThat(axeFindings).as("axe-core serious/critical violations").isEmpty();
    }

    @Test
    void theDeskPreviewsTheAudienceAndTheNotificationsPerLanguageBeforePublishing() {
        // Arrange: devices of an app of this test's own follow Frogner's emergency category: 3 iPhones, 2 Android phones
        String app = "itapp" + unique();
        followFrogner(app, List.of("ios", "ios", "ios", "android", "android"));
        signInAsEditor();

        open("/console/publish?lang=en");
        driver.findElement(By.id("district-frogner")).click();
        driver.findElement(By.id("category-emergency")).click();
        // Markup typed into the form is text on the preview, never markup.
        String title = "Water <b>off</b> & \"back\" " + unique();
        driver.findElement(By.id("title")).sendKeys(title);
        driver.findElement(By.id("body")).sendKeys("Vannet er stengt i Frognerveien til kl. 18.");
        driver.findElement(By.id("titleEn")).sendKeys("Water off");
        driver.findElement(By.id("bodyEn")).sendKeys("No water in Frognerveien until 18:00.");
        driver.findElement(By.id("preview")).click();
        waitFor(By.id("publish-previewed"));

        // Who gets it: every device that will be pushed, and this app's devices per platform
        long expected = new DynamoDbAudienceCounter(stack.dynamoDb(), stack.tableName("SubscriptionsTable"),
                stack.tableName("CatalogTable"), AudienceShard.DEFAULT_SHARDS)
                .count(new AudienceQuery(List.of("frogner"), List.of("emergency"), false)).total();
        assertThat(expected).isGreaterThanOrEqualTo(5);
        assertThat(driver.findElement(By.id("audience-total")).getText().replaceAll("\\D", ""))
                .isEqualTo(Long.toString(expected));
        List<String> appRows = driver.findElements(By.cssSelector("#audience-segments tbody tr")).stream()
                .map(WebElement::getText).filter(row -> row.startsWith(app)).toList();
        assertThat(appRows).containsExactly(app + " Android 2", app + " iPhone (iOS) 3");

        // The notification on each phone, in Norwegian and in English
        assertThat(driver.findElement(By.cssSelector("#notification-nb-ios .notification-title")).getText())
                .isEqualTo(title);
        assertThat(driver.findElement(By.cssSelector("#notification-nb-android .notification-body")).getText())
                .isEqualTo("Vannet er stengt i Frognerveien til kl. 18.");
        assertThat(driver.findElement(By.cssSelector("#notification-en-ios .notification-title")).getText())
                .isEqualTo("Water off");
        assertThat(driver.findElements(By.cssSelector(".notification b"))).isEmpty();
        axe("publish preview (en)");
        assertThat(driver.findElement(By.cssSelector("main h1")).getText()).isEqualTo("Preview before sending");

        // Back to editing keeps the text; publishing from the preview publishes it
        driver.findElement(By.id("edit")).click();
        waitFor(By.id("preview"));
        assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo(title);
        driver.findElement(By.id("preview")).click();
        waitFor(By.id("publish-previewed")).click();
        waitFor(By.id("post-status"));
        assertThat(driver.findElement(By.cssSelector("article.preview h3")).getText()).isEqualTo(title);
        assertThat(axeFindings).as("axe-core serious/critical violations").isEmpty();
    }

    /** Subscription items (docs/data-model.md) of new devices of {@code app} following Frogner's emergency category. */
    private static void followFrogner(String app, List<String> platforms) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String platform : platforms) {
            String deviceId = app + unique();
            Map<String, AttributeValue> item = new java.util.HashMap<>();
            item.put("deviceId", AttributeValue.fromS(deviceId));
            item.put("districtId", AttributeValue.fromS("frogner"));
            item.put("tenantId", AttributeValue.fromS("oslo"));
            item.put("appId", AttributeValue.fromS(app));
            item.put("categories", AttributeValue.fromSs(List.of("emergency")));
            item.put("choices", AttributeValue.fromM(Map.of("frogner",
                    AttributeValue.fromL(List.of(AttributeValue.fromS("emergency"))))));
            item.put("audienceShard", AttributeValue.fromS(AudienceShard.key("frogner", deviceId,
                    AudienceShard.DEFAULT_SHARDS)));
            item.put("platform", AttributeValue.fromS(platform));
            item.put("endpointArn", AttributeValue.fromS("arn:aws:sns:eu-north-1:000000000000:endpoint/x/" + deviceId));
            item.put("locale", AttributeValue.fromS("nb"));
            item.put("timeZone", AttributeValue.fromS("Europe/Oslo"));
            item.put("active", AttributeValue.fromBool(true));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        var response = stack.dynamoDb().batchWriteItem(r -> r.requestItems(Map.of(stack.tableName("SubscriptionsTable"),
                writes)));
        assertThat(response.unprocessedItems()).isEmpty();
    }

    /** Keeps a picture of the page in target/ for people to look at (not asserted). */
    private static void screenshot(String name) {
        try {
            Files.write(Path.of("target", name),
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        } catch (IOException | RuntimeException e) {
            // a missing picture never fails the test
        }
    }

    /** Signs in through the issuer's login page, unless this browser has a session already. */
    private static void signInAsEditor() {
        open("/console");
        List<WebElement> login = driver.findElements(By.id("user-frogner-editor"));
        if (!login.isEmpty()) {
            axe("issuer login page (local only)");
            login.get(0).click();
            waitFor(By.cssSelector("main h1"));
        }
    }

    private static void check(By by) {
        WebElement box = driver.findElement(by);
        if (!box.isSelected()) {
            box.click();
        }
    }
}
