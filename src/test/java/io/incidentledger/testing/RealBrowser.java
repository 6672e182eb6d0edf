package io.incidentledger.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slf4j.LoggerFactory;

/**
 * A real browser for tests: Debian's headless Chromium, driven through Debian's {@code chromedriver} by Selenium, with
 * a fresh profile of its own (so several of them are several people, each with their own session), pointed at the
 * application on 127.0.0.1. Open it through {@link RealBrowsers}, which closes it after the test.
 *
 * <p>Nothing is fetched: the driver and the browser are the installed files, so Selenium Manager is never asked for
 * either, Selenium's tracing is off, and Chromium is told not to reach its update, sync or component servers.
 *
 * <p>Without {@link #CHROMIUM} or {@link #CHROMEDRIVER} a class annotated {@link RequiresBrowser} is skipped, each of
 * its tests reported as skipped with a message saying what to install; under {@code CI=true} it runs instead and fails
 * when it opens a browser, since a skipped browser test would hide a broken build.
 */
public final class RealBrowser implements AutoCloseable {

    public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final String INSTALL = "apt-get install chromium chromium-driver";
    static final String SKIPPED = "Browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
            + " is missing; install Debian's chromium and chromium-driver (" + INSTALL + ") to run them; .ci/run does";
    /** The size of a laptop's browser window, and of a phone held upright (CSS pixels). */
    public static final Dimension DESKTOP = new Dimension(1280, 720);
    public static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final List<String> FLAGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic");

    /**
     * Selenium warns at every start that it has no DevTools (CDP) client for this Chromium's version: these tests use
     * none, only WebDriver. Held here, since the logging system keeps only weak references to its loggers.
     */
    private static final List<Logger> QUIETED = List.of(quiet("org.openqa.selenium.devtools.CdpVersionFinder"),
            quiet("org.openqa.selenium.chromium.ChromiumDriver"));

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;
    private final Path screenshots;
    private final List<String> console = new ArrayList<>();

    private RealBrowser(ChromeDriver driver, Path profile, String baseUrl, Path screenshots) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
    }

    /**
     * Starts a browser on the application at {@code port}; a phone is emulated as a touch device of that width with
     * a device pixel ratio of 3, so a page without a viewport for it is laid out wider than the phone, as on a phone.
     */
    static RealBrowser open(int port, Path screenshots, Dimension window, boolean phone) {
        requireInstalled();
        System.setProperty("webdriver.remote.enableTracing", "false");
        Path profile = temporaryDirectory();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments(FLAGS)
                .addArguments("--user-data-dir=" + profile);
        if (phone) {
            options.setExperimentalOption("mobileEmulation", Map.of("deviceMetrics", Map.of("width", window.width,
                    "height", window.height, "pixelRatio", 3.0, "mobile", true, "touch", true)));
        } else {
            options.addArguments("--window-size=" + window.width + "," + window.height);
        }
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogLevel(ChromiumDriverLogLevel.WARNING).build();
        try {
            return new RealBrowser(new ChromeDriver(service, options), profile, "http://127.0.0.1:" + port,
                    screenshots);
        } catch (RuntimeException e) {
            delete(profile);
            throw e;
        }
    }

    /** Opens a page of the application ({@code /account}) or any URL, and waits until it has loaded. */
    public RealBrowser go(String pathOrUrl) {
        driver.get(pathOrUrl.startsWith("http") ? pathOrUrl : baseUrl + pathOrUrl);
        return this;
    }

    /** The path (and query) of the page shown, e.g. {@code /login?error}. */
    public String path() {
        URI uri = URI.create(driver.getCurrentUrl());
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /**
     * Waits until the page shown is {@code path}, as after a form's redirect: its query too when {@code path} has one
     * ({@code /login?error}), else any query ({@code /account?continue}, where Spring Security resumes a request).
     */
    public RealBrowser waitForPath(String path) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "the page " + path + ", not " + path())
                .until(ignored -> path.equals(path.contains("?") ? path() : URI.create(path()).getRawPath()));
        return this;
    }

    /**
     * The control that the label with this text names, by its {@code for} or by holding it: how a person (or a screen
     * reader) finds a field. Fails when no such label is on the page or it names no control.
     */
    public WebElement field(String label) {
        WebElement element = driver.findElement(By.xpath("//label[normalize-space()=" + literal(label) + "]"));
        String target = element.getDomAttribute("for");
        if (target != null) {
            return driver.findElement(By.id(target));
        }
        return element.findElement(By.xpath(".//input|.//select|.//textarea"));
    }

    /**
     * Signs in through the sign-in form for the configured users (whose password is their name), by keyboard, from
     * whatever page the browser shows; waits until the form has sent it on.
     */
    public RealBrowser signInAs(String user) {
        if (!path().startsWith("/login")) {
            go("/login");
        }
        field("Name").sendKeys(user);
        field("Password").sendKeys(user, Keys.ENTER);
        new WebDriverWait(driver, WAIT).withMessage(() -> user + " signed in, not still at " + path())
                .until(ignored -> !path().startsWith("/login"));
        return this;
    }

    /** The button with this text. */
    public WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space()=" + literal(text) + "]"));
    }

    /** The element that has the keyboard focus. */
    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    /** The visible text of the element with this id. */
    public String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Whether an element with this id is on the page. */
    public boolean has(String id) {
        return !driver.findElements(By.id(id)).isEmpty();
    }

    /** Runs a script in the page, as the browser's developer tools would (the page's policy does not apply to it). */
    public Object execute(String script) {
        return driver.executeScript(script);
    }

    /** Whether the page is wider than the window, so that a person would have to scroll sideways to read it. */
    public boolean scrollsSideways() {
        return (Boolean) driver.executeScript(
                "return document.documentElement.scrollWidth > window.innerWidth");
    }

    /** The width, in CSS pixels, that the page is laid out in. */
    public long layoutWidth() {
        return (Long) driver.executeScript("return window.innerWidth");
    }

    /** Writes a screenshot of the window to {@code target/screenshots/<test class>/<name>.png}. */
    public Path screenshot(String name) {
        Path file = screenshots.resolve(name + ".png");
        try {
            Files.createDirectories(screenshots);
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Everything the pages of this browser wrote to its console so far, errors of the browser itself included. */
    public List<String> console() {
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            console.add(entry.getLevel() + " " + entry.getMessage());
        }
        return List.copyOf(console);
    }

    /** The console's reports of something the Content-Security-Policy refused. */
    public List<String> contentSecurityPolicyViolations() {
        return console().stream().filter(line -> line.contains("Content Security Policy")).toList();
    }

    /**
     * The texts on the page whose colour contrasts with what is behind them less than WCAG 2.2 AA asks (4.5:1, or
     * 3:1 for large text: 24 px, or 18.66 px bold), each as {@code "ratio text"}; empty when every visible text is
     * readable. The background is the first opaque one among the element and its ancestors (white at the top).
     */
    public List<String> lowContrastTexts() {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) driver.executeScript("""
                const channel = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
                const rgba = text => (text.match(/[\\d.]+/g) || []).map(Number);
                const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
                const background = element => {
                    for (let at = element; at && at.nodeType === 1; at = at.parentElement) {
                        const colour = rgba(getComputedStyle(at).backgroundColor);
                        if (colour.length >= 3 && (colour.length < 4 || colour[3] >= 0.99)) return colour;
                    }
                    return [255, 255, 255];
                };
                const low = [];
                for (const element of document.querySelectorAll('body *')) {
                    const own = [...element.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(' ').trim();
                    if (!own || element.getClientRects().length === 0) continue;
                    const style = getComputedStyle(element);
                    if (style.visibility === 'hidden' || style.opacity === '0' || element.closest('[aria-hidden="true"]')) continue;
                    const box = element.getBoundingClientRect();
                    if (box.width <= 1 || box.height <= 1) continue;
                    const fg = luminance(rgba(style.color)), bg = luminance(background(element));
                    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
                    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
                    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
                    if (ratio < needed) low.push(ratio.toFixed(2) + ' ' + own.slice(0, 60));
                }
                return low;""");
        return found;
    }

    /** The driver itself, for what the methods above do not cover. */
    public WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    /** Fails, saying what to install, when the browser or its driver is missing (only reached under {@code CI=true}). */
    static void requireInstalled() {
        if (!installed(Files::isExecutable)) {
            fail("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: the browser tests must run in CI (" + INSTALL + ")");
        }
    }

    private static boolean installed(Predicate<Path> executable) {
        return executable.test(CHROMIUM) && executable.test(CHROMEDRIVER);
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    /** An XPath string literal of {@code text}, which may hold either kind of quote. */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "',\"'\",'") + "')";
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("real-browser-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LoggerFactory.getLogger(RealBrowser.class).warn("Could not delete the browser profile {}", directory, e);
        }
    }

    /** The condition behind {@link RequiresBrowser}. */
    static final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            ConditionEvaluationResult result = evaluate(System::getenv, Files::isExecutable);
            if (result.isDisabled() && context.getTestMethod().isEmpty()) {
                LoggerFactory.getLogger(RealBrowser.class).warn("{}: {}", context.getDisplayName(), SKIPPED);
            }
            return result;
        }

        static ConditionEvaluationResult evaluate(UnaryOperator<String> environment, Predicate<Path> executable) {
            if (installed(executable)) {
                return ConditionEvaluationResult.enabled(CHROMIUM + " and " + CHROMEDRIVER + " are installed");
            }
            if ("true".equalsIgnoreCase(environment.apply("CI"))) {
                return ConditionEvaluationResult.enabled("CI=true: browser tests run, and fail without a browser");
            }
            return ConditionEvaluationResult.disabled(SKIPPED);
        }
    }
}
