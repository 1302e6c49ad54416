package uk.co.omniops.test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium per test JVM (Debian's /usr/bin/chromium where present; Playwright's own browser
 * never downloads here). Each test gets a fresh context, i.e. fresh cookies.
 */
public final class Browser {

    private static Playwright playwright;
    private static com.microsoft.playwright.Browser browser;

    private Browser() {}

    /** A client address of its own (10.x.y.z) for tests of per-address limits, which share one Redis. */
    public static String randomAddress() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** A context whose requests say they come from {@code address} (X-Forwarded-For, as behind the ingress). */
    public static synchronized BrowserContext newContextFrom(String address) {
        newContext().close();
        var context = browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(1400, 900)
                .setExtraHTTPHeaders(Map.of("X-Forwarded-For", address)));
        context.setDefaultTimeout(15_000);
        return context;
    }

    /**
     * A Chromium of its own, for work on another thread than the test's: Playwright objects are not thread-safe, so
     * each thread creates its {@link Playwright} ({@code PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1} in its environment) and
     * closes it after use, which closes this browser too.
     */
    public static com.microsoft.playwright.Browser launch(Playwright playwright) {
        var options = new BrowserType.LaunchOptions()
                .setHeadless(true)
                .setArgs(List.of(
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-dev-shm-usage"));
        var chromium = Paths.get(System.getProperty("omniops.test.chromium", "/usr/bin/chromium"));
        if (Files.isExecutable(chromium)) {
            options.setExecutablePath(chromium);
        }
        return playwright.chromium().launch(options);
    }

    /** A new context (1400 × 900, 15 s timeouts) of the JVM's one Chromium, started on first use. */
    public static synchronized BrowserContext newContext() {
        if (browser == null) {
            // page loads on a loaded 2-core CI machine can exceed Playwright's 5 s default; checks that must be
            // fast (live updates within 1 s) pass their own timeout
            com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
            playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = launch(playwright);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                browser.close();
                playwright.close();
            }));
        }
        var context =
                browser.newContext(new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1400, 900));
        context.setDefaultTimeout(15_000);
        return context;
    }

    /** Opaque pixels on an {@code <omni-chart>}'s canvas (0 until Chart.js has drawn). */
    private static final String DRAWN_PIXELS = """
            id => {
              const chart = document.getElementById(id);
              const canvas = chart && chart.shadowRoot && chart.shadowRoot.querySelector('canvas');
              if (!canvas || !canvas.width || !canvas.height) return 0;
              const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
              let n = 0;
              for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
              return n;
            }""";

    /** Waits until the chart with this element id has drawn more than 2,000 opaque pixels. */
    public static void waitUntilChartDrawn(Page page, String chartId) {
        page.waitForFunction("id => (" + DRAWN_PIXELS + ")(id) > 2000", chartId);
    }

    /** Saves a full-page screenshot under {@code target/screenshots/}. */
    public static Path screenshot(Page page, String name) {
        var path = Paths.get("target", "screenshots", name + ".png");
        page.screenshot(new Page.ScreenshotOptions().setPath(path).setFullPage(true));
        return path;
    }

    /**
     * Signs in as a browser would after submitting the login form, without drawing the form: the page's own context
     * POSTs the form's fields to {@code /login} (same cookies and headers as the page) and the page then opens where
     * the answer redirects — the landing page, or {@code /login?error} for a refused sign-in. This saves each test a
     * full page load (about 1 s of the 2.5 s a form sign-in took); the form itself is exercised by
     * {@link #signInWithTheForm}, used by the tests of signing in, and by the production tier for every role.
     */
    public static void signIn(Page page, String baseUrl, String username, String password) {
        var location = postSignIn(page, baseUrl, username, password);
        page.navigate(location.startsWith("/") ? baseUrl + location : location);
    }

    /**
     * Signs in as {@link #signIn} does, then opens {@code path} (e.g. {@code /inbox/ID}) instead of the landing page:
     * one page load fewer for a test whose subject is another page (the landing pages are {@code ShellBrowserTests}'
     * subject and the production tier's).
     */
    public static void signIn(Page page, String baseUrl, String username, String password, String path) {
        var location = postSignIn(page, baseUrl, username, password);
        if (location.contains("/login")) {
            throw new IllegalStateException("sign-in of " + username + " was refused: " + location);
        }
        page.navigate(baseUrl + path);
    }

    /** POSTs the login form's fields from the page's context; returns where the answer redirects. */
    private static String postSignIn(Page page, String baseUrl, String username, String password) {
        var response = page.context()
                .request()
                .post(
                        baseUrl + "/login",
                        RequestOptions.create()
                                .setForm(FormData.create()
                                        .set("username", username)
                                        .set("password", password))
                                .setMaxRedirects(0));
        var location = response.headers().get("location");
        if (response.status() != 302 || location == null) {
            throw new IllegalStateException(
                    "sign-in of " + username + " answered " + response.status() + ": " + response.text());
        }
        return location;
    }

    /** Signs in through the real login form: fills it and presses "Log in" (the landing page then loads). */
    public static void signInWithTheForm(Page page, String baseUrl, String username, String password) {
        page.navigate(baseUrl + "/login");
        page.getByLabel("Username").fill(username);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                .click();
    }
}
