package dev.anvilcheck.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
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
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Issue 15 part 3: the live console in a real headless browser (Debian's {@code chromium} and
 * {@code chromium-driver}, through Selenium) against serve mode in its own process with a Java
 * uplink: the page loads without console errors, a call made through the control API appears in
 * the list within a second (pushed over the event stream), and "call as" shows the function's
 * result. Every wait is bounded.
 */
class ConsoleBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private static ServeWithUplink serve;
    private ChromeDriver browser;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void startServe() throws Exception {
        Prerequisites.require("chromium and chromium-driver", "apt-get install chromium chromium-driver",
                CHROMEDRIVER.toString(), "--version");
        Prerequisites.require("chromium", "apt-get install chromium chromium-driver", "test", "-x",
                CHROMIUM.toString());
        serve = ServeWithUplink.start();
    }

    @AfterAll
    static void stopServe() throws Exception {
        if (serve != null) {
            serve.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,800", "--no-first-run", "--disable-extensions");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waitUpTo(Duration d) {
        return new WebDriverWait(browser, d, Duration.ofMillis(20));
    }

    /** Opens the console and waits until it follows the event stream and has caught up. */
    private void openConsole() {
        browser.get(serve.console.toString());
        waitUpTo(Duration.ofSeconds(15)).until(b -> b.findElement(By.id("stream")).getText().equals("live")
                && !b.findElements(By.cssSelector("#functions .fn-group")).isEmpty());
    }

    private String post(String path, String json) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(serve.control + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 201);
        return r.body();
    }

    private static String callerId(String created) {
        int at = created.indexOf("\"id\":\"") + 6;
        return created.substring(at, created.indexOf('"', at));
    }

    @Test
    @DisplayName("the page loads with no errors in the browser's console, and shows the uplink's functions")
    void loadsWithoutConsoleErrors() {
        openConsole();
        assertThat(browser.findElement(By.id("functions")).getText()).contains("greet").contains("server key");
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).collect(Collectors.toList());
        assertThat(severe).as("the browser's console").isEmpty();
    }

    @Test
    @DisplayName("a call made through the control API appears in the list within a second, pushed; a failed one opens its traceback")
    void callsAppearWithinASecond() throws Exception {
        openConsole();
        String caller = callerId(post("/callers", "{\"kind\": \"browser\", \"user\": {\"email\": \"zoe@example.com\"}}"));
        long before = System.nanoTime();
        post("/callers/" + caller + "/calls", "{\"function\": \"greet\", \"args\": [\"Zoe\"]}");
        WebElement row = waitUpTo(Duration.ofSeconds(1)).until(b -> b.findElements(By.cssSelector("#calls tbody tr"))
                .stream().filter(r -> r.getText().contains("greet") && r.getText().contains("\"Zoe\"")).findFirst()
                .orElse(null));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(1));
        assertThat(row.getText()).contains("zoe@example.com").contains("returned").contains("browser");

        post("/callers/" + caller + "/calls", "{\"function\": \"fail_on_purpose\", \"args\": [7]}");
        // the one-second promise is the first call's; the rest only needs to arrive, also on a busy machine
        WebElement failed = waitUpTo(Duration.ofSeconds(10)).until(b -> b.findElements(
                By.cssSelector("#calls tbody tr.raised")).stream().findFirst().orElse(null));
        browser.findElement(By.id("filter")).sendKeys("fail_on");
        assertThat(row.isDisplayed()).isFalse();
        failed.click();
        waitUpTo(Duration.ofSeconds(10)).until(b -> b.findElement(By.id("detail-trace")).getText().contains("ValueError"));
        assertThat(browser.findElement(By.id("detail-error")).getText()).contains("failed on purpose");
    }

    @Test
    @DisplayName("'call as' a new browser with a user, arguments as JSON: the function's result is shown")
    void callAs() {
        openConsole();
        new Select(browser.findElement(By.id("call-caller"))).selectByValue("new:browser");
        new Select(browser.findElement(By.id("call-user"))).selectByValue("json");
        WebElement user = browser.findElement(By.id("call-user-json"));
        user.clear();
        user.sendKeys("{\"email\": \"ann@example.com\"}");
        browser.findElement(By.id("call-function")).sendKeys("whoami");
        browser.findElement(By.id("call-submit")).click();
        waitUpTo(Duration.ofSeconds(5)).until(b -> b.findElement(By.id("call-result")).getText()
                .equals("returned \"ann@example.com\""));

        new Select(browser.findElement(By.id("call-user"))).selectByValue("keep");
        WebElement fn = browser.findElement(By.id("call-function"));
        fn.clear();
        fn.sendKeys("greet");
        WebElement args = browser.findElement(By.id("call-args"));
        args.clear();
        args.sendKeys("[\"Ann\"]");
        browser.findElement(By.id("call-submit")).click();
        waitUpTo(Duration.ofSeconds(5)).until(b -> b.findElement(By.id("call-result")).getText()
                .equals("returned \"Hello, Ann!\""));
    }

    /**
     * Writes the screenshots of {@code docs/} (a 1280×800 window): {@code console.png},
     * {@code console-call-as.png} and {@code console-traceback.png}; run with
     * {@code -Dconsole.screenshots=true}.
     */
    @Test
    @EnabledIfSystemProperty(named = "console.screenshots", matches = "true")
    @DisplayName("screenshots for docs/")
    void screenshots() throws Exception {
        browser.manage().window().setSize(new Dimension(1280, 800));
        openConsole();
        String ann = callerId(post("/callers", "{\"kind\": \"browser\", \"user\": {\"email\": \"ann@example.com\"}}"));
        String anon = callerId(post("/callers", "{\"kind\": \"browser\"}"));
        post("/callers/" + ann + "/calls", "{\"function\": \"greet\", \"args\": [\"Ann\"]}");
        post("/callers/" + ann + "/calls", "{\"function\": \"add_to_cart\", \"args\": [\"apple\"]}");
        post("/callers/" + ann + "/calls", "{\"function\": \"whoami\"}");
        post("/callers/" + anon + "/calls", "{\"function\": \"whoami\"}");
        post("/callers/" + anon + "/calls", "{\"function\": \"add_to_cart\", \"args\": [\"pear\"]}");
        post("/callers/" + ann + "/calls", "{\"function\": \"fail_on_purpose\", \"args\": [7]}");
        waitUpTo(Duration.ofSeconds(5)).until(b -> b.findElements(By.cssSelector("#calls tbody tr")).size() >= 6);
        Path docs = Path.of(System.getProperty("anvilcheck.docsDir", "../docs"));
        Thread.sleep(1500); // the fresh rows' highlight fades
        Files.write(docs.resolve("console.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.findElements(By.cssSelector("#calls tbody tr.raised")).get(0).click();
        new Select(browser.findElement(By.id("call-caller"))).selectByValue(ann);
        browser.findElement(By.id("call-function")).sendKeys("add_to_cart");
        WebElement args = browser.findElement(By.id("call-args"));
        args.clear();
        args.sendKeys("[\"plum\"]");
        browser.findElement(By.id("call-submit")).click();
        waitUpTo(Duration.ofSeconds(5)).until(b -> b.findElement(By.id("call-result")).getText().startsWith("returned"));
        Thread.sleep(1500);
        browser.executeScript("document.getElementById('call-as-section').scrollIntoView()");
        Files.write(docs.resolve("console-call-as.png"), browser.getScreenshotAs(OutputType.BYTES));
        browser.executeScript("document.getElementById('calls-section').scrollIntoView()");
        Files.write(docs.resolve("console-traceback.png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
