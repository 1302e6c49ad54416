package uk.co.omniops.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitUntilState;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import tools.jackson.databind.json.JsonMapper;
import uk.co.omniops.test.ApiClient;
import uk.co.omniops.test.Axe;
import uk.co.omniops.test.Browser;

/**
 * The production tier: the artefact users run ({@code -Pproduction} jar, built by the {@code pre-integration-test}
 * step of {@code ./mvnw verify}) started on its embedded defaults, then every route visited in Chromium as every
 * demo role and as an anonymous contact.
 *
 * <p>The routes come from the {@code @Route} classes on the classpath (the classes the jar was built from) and their
 * access annotations, so a new view is covered without anyone adding it here; only a new route <em>parameter</em>
 * needs a value below, and the tier fails until it has one. A page fails on an uncaught page error, a console error,
 * an unexpected response ≥ 400, an empty main area, or a chart that has not drawn, and the pages in
 * {@link #ACCESSIBILITY_CHECKED} on any axe-core violation. One screenshot per role and route is kept under
 * {@code target/production-tour/}.
 */
@Tag("browser")
class ProductionJarBrowserIT {

    private static final Path JAR =
            Paths.get(System.getProperty("omniops.production-jar", "target/production/omniops.jar"));
    private static final Path TOUR = Paths.get(System.getProperty("omniops.production-tour", "target/production-tour"));
    private static final String CUSTOMER = "techsupport-co";
    /**
     * The pages axe-core checks (every rule, every impact: 0 violations is the bar): the pages each role works in,
     * and the admin and settings pages of issue 24.
     */
    private static final Set<String> ACCESSIBILITY_CHECKED = Set.of(
            "login",
            "chat/" + CUSTOMER,
            "inbox",
            "escalations",
            "insights",
            "admin/rollout",
            "admin/predictions",
            "settings/categories",
            "settings/replies");

    private static final String API_KEY = "dev-techsupport-co-key";

    /** The demo accounts, one per role (dev profile, password {@code demo}); {@code null} = an anonymous contact. */
    private enum Visitor {
        AGENT("agent@" + CUSTOMER),
        SUPERVISOR("supervisor@" + CUSTOMER),
        EXECUTIVE("executive@" + CUSTOMER),
        ADMIN("admin@omniops"),
        ANONYMOUS(null);

        final String username;

        Visitor(String username) {
            this.username = username;
        }
    }

    private static Process app;
    private static String base;
    private static String conversationId;

    @BeforeAll
    static void startTheProductionJar() throws Exception {
        assertThat(JAR)
                .as("the production jar (built by ./mvnw verify before the integration tests)")
                .isRegularFile();
        Files.createDirectories(TOUR);
        var port = freePort();
        base = "http://localhost:" + port;
        var data = Files.createTempDirectory("omniops-production-tier");
        var java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        app = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xmx768m",
                        "-jar",
                        JAR.toString(),
                        "--server.port=" + port,
                        "--management.server.port=" + freePort(),
                        "--omniops.data-dir=" + data)
                .redirectErrorStream(true)
                .redirectOutput(TOUR.resolve("app.log").toFile())
                .start();
        // ready = the start-up banner, printed on ApplicationReadyEvent, after the demo data and history are in
        var log = TOUR.resolve("app.log");
        var deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.readString(log).contains("OmniOps is running at " + base + "/")) {
            if (!app.isAlive()) {
                fail("the production jar exited with " + app.exitValue() + "; last lines:\n" + tail(log));
            }
            if (System.nanoTime() > deadline) {
                fail("the production jar did not start within 300 s; last lines:\n" + tail(log));
            }
            Thread.sleep(500);
        }
        var http = ApiClient.http();
        assertThat(Files.readString(TOUR.resolve("app.log")))
                .as("the jar runs in production mode")
                .contains("Vaadin is running in production mode");
        var conversations = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/v1/conversations?size=1"))
                        .header("Authorization", "Bearer " + API_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(conversations.statusCode()).as(conversations.body()).isEqualTo(200);
        var first = JsonMapper.builder()
                .build()
                .readTree(conversations.body())
                .path("items")
                .path(0)
                .path("id");
        assertThat(first.isMissingNode())
                .as("a demo conversation: %s", conversations.body())
                .isFalse();
        conversationId = first.asString();
    }

    @AfterAll
    static void stopIt() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(40, TimeUnit.SECONDS)) {
                app.destroyForcibly();
            }
        }
    }

    /**
     * Visitors' tours run side by side ({@value #TOURS_AT_ONCE} at a time; {@code -Domniops.production-tour.parallel}),
     * each on its own thread with its own Playwright and Chromium; every step is then reported as a test of its own,
     * in order. Half of a step is waiting (the network idle for 0.5 s, late errors for 0.3 s), so several tours at once
     * keep both cores busy: the class took 93.7 s one at a time, 77.0 s two and 70.4 s three at a time
     * (docs/benchmarks.md §9b).
     */
    @TestFactory
    Stream<DynamicContainer> everyRouteLoadsCleanlyForEveryRole() {
        var routes = routes();
        assertThat(routes).as("routes found on the classpath").hasSizeGreaterThan(10);
        var tours = Arrays.stream(Visitor.values())
                .map(visitor -> tour(visitor, routes))
                .toList();
        var threads = Executors.newFixedThreadPool(
                Integer.getInteger("omniops.production-tour.parallel", TOURS_AT_ONCE),
                Thread.ofPlatform().daemon().name("production-tour-", 1).factory());
        // the longest tours first, so that the last minute is not one tour alone on a two-core machine; the report
        // keeps the visitors' order
        tours.stream()
                .sorted(Comparator.comparingInt((Tour tour) -> tour.steps().size())
                        .reversed())
                .forEach(tour -> threads.execute(tour::run));
        threads.shutdown();
        return tours.stream()
                .map(tour -> DynamicContainer.dynamicContainer(
                        tour.visitor.name().toLowerCase(),
                        tour.steps.stream().map(step -> DynamicTest.dynamicTest(step.name(), step::report))));
    }

    private static final int TOURS_AT_ONCE = 3;

    private static Tour tour(Visitor visitor, List<RouteInfo> routes) {
        var reachable =
                routes.stream().filter(route -> route.reachableBy(visitor)).toList();
        var steps = new ArrayList<Step>();
        steps.add(new Step("sign in", Session::open));
        for (var route : reachable) {
            for (var path : route.pathsFor(visitor)) {
                steps.add(new Step(path.isEmpty() ? "/" : "/" + path, session -> session.visit(route, path)));
            }
        }
        if (visitor != Visitor.ANONYMOUS) {
            steps.add(new Step("the menu links only to routes visited", session -> session.checkMenu(reachable)));
        }
        steps.add(new Step("close", Session::close));
        return new Tour(visitor, steps);
    }

    /** One step of a tour: run on the tour's thread, reported (its failure rethrown) on the test's. */
    private record Step(String name, Consumer<Session> action, CompletableFuture<Optional<Throwable>> outcome) {

        Step(String name, Consumer<Session> action) {
            this(name, action, new CompletableFuture<>());
        }

        void report() throws Throwable {
            var failure = outcome.get(10, TimeUnit.MINUTES);
            if (failure.isPresent()) {
                throw failure.get();
            }
        }
    }

    /** A visitor's steps in order, in one browser context of a Chromium of the tour's own. */
    private record Tour(Visitor visitor, List<Step> steps) {

        void run() {
            try (var playwright = Playwright.create(
                    new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
                var session = new Session(visitor, Browser.launch(playwright));
                for (var step : steps) {
                    try {
                        step.action().accept(session);
                        step.outcome().complete(Optional.empty());
                    } catch (Throwable failure) {
                        step.outcome().complete(Optional.of(failure));
                    }
                }
            } catch (Throwable failure) {
                steps.forEach(step -> step.outcome().complete(Optional.of(failure)));
            }
        }
    }

    /** One browser context per visitor: signed in once, then every route in turn. */
    private static final class Session {

        private final Visitor visitor;
        private final com.microsoft.playwright.Browser browser;
        private final List<String> problems = new CopyOnWriteArrayList<>();
        private final List<String> expectedStatuses = new CopyOnWriteArrayList<>();
        private BrowserContext context;
        private Page page;

        Session(Visitor visitor, com.microsoft.playwright.Browser browser) {
            this.visitor = visitor;
            this.browser = browser;
        }

        void open() {
            context = browser.newContext(
                    new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1440, 900));
            context.setDefaultTimeout(15_000);
            page = context.newPage();
            page.onPageError(error -> problems.add("uncaught page error: " + error));
            page.onConsoleMessage(message -> {
                if ("error".equals(message.type())) {
                    problems.add("console error: " + message.text());
                }
            });
            page.onResponse(response -> {
                if (response.status() >= 400 && !expectedStatuses.contains(response.url())) {
                    problems.add("HTTP " + response.status() + " "
                            + response.request().method() + " " + response.url());
                }
            });
            if (visitor.username != null) {
                Browser.signInWithTheForm(page, base, visitor.username, "demo");
                page.waitForURL(url -> !url.contains("/login"), new Page.WaitForURLOptions().setTimeout(30_000));
                settle();
                assertThat(problems).as("signing in as %s", visitor.username).isEmpty();
            }
        }

        void visit(RouteInfo route, String path) {
            problems.clear();
            var url = base + "/" + path;
            if (route.catchAll()) {
                expectedStatuses.add(url); // the not-found page answers 404, as it should
            }
            page.navigate(url, new Page.NavigateOptions().setWaitUntil(WaitUntilState.LOAD));
            settle();
            var name = path.isEmpty()
                    ? "landing"
                    : path.replace(conversationId, "conversation").replaceAll("[^A-Za-z0-9]+", "-");
            try {
                if (!path.startsWith("login")) {
                    assertThat(page.url())
                            .as("%s stays on /%s (not sent to the login or access-denied page)", visitor, path)
                            .doesNotContain("/login")
                            .doesNotContain("access-denied");
                }
                assertMainAreaHasContent(path);
                assertChartsHaveDrawn(path);
                page.waitForTimeout(300); // late errors from the last round trip
                assertThat(problems).as("errors on /%s as %s", path, visitor).isEmpty();
                if (ACCESSIBILITY_CHECKED.contains(path)) {
                    assertThat(Axe.violations(page))
                            .as("axe-core on /%s as %s", path, visitor)
                            .isEmpty();
                }
            } finally {
                screenshot(visitor.name().toLowerCase() + "/" + name);
            }
        }

        void checkMenu(List<RouteInfo> reachable) {
            page.navigate(base + "/");
            settle();
            @SuppressWarnings("unchecked")
            var links = (List<String>)
                    page.evaluate(
                            "() => [...document.querySelectorAll('vaadin-side-nav-item')].map(i => i.getAttribute('path') || '')");
            var menuRoutes = reachable.stream().filter(RouteInfo::menu).count();
            if (menuRoutes <= 1) {
                // one page needs no navigation drawer (issue 24: 250 px for an agent's single "Inbox")
                assertThat(links).as("the %s menu with one page", visitor).isEmpty();
                assertThat(page.locator("vaadin-drawer-toggle").count()).isZero();
                return;
            }
            assertThat(links).as("the %s menu", visitor).isNotEmpty();
            var visited = reachable.stream().map(RouteInfo::template).toList();
            for (var link : links) {
                var target = link.replaceFirst("^/", "");
                assertThat(visited.stream().anyMatch(template -> RouteInfo.matches(template, target)))
                        .as("menu link /%s of %s is among the routes visited %s", target, visitor, visited)
                        .isTrue();
            }
        }

        void close() {
            if (context != null) {
                context.close();
            }
        }

        /** Until the page has loaded, Vaadin has no request in flight and the network has been idle for 0.5 s. */
        private void settle() {
            page.waitForLoadState(LoadState.NETWORKIDLE);
            page.waitForFunction("""
                    () => !window.Vaadin || !window.Vaadin.Flow || !window.Vaadin.Flow.clients
                          || Object.values(window.Vaadin.Flow.clients).every(c => !c.isActive || !c.isActive())""", null, new Page.WaitForFunctionOptions().setTimeout(30_000));
        }

        private void assertMainAreaHasContent(String path) {
            var text = (String) page.evaluate("""
                    () => {
                      const layout = document.querySelector('vaadin-app-layout');
                      const main = layout ? [...layout.children].find(c => !c.hasAttribute('slot')) : document.body;
                      if (!main) return '';
                      const box = main.getBoundingClientRect();
                      return box.height > 40 && box.width > 40 ? main.innerText.trim() : '';
                    }""");
            assertThat(text)
                    .as("the main area of /%s as %s has content", path, visitor)
                    .hasSizeGreaterThan(10);
        }

        /**
         * Every {@code <omni-chart>} whose container is shown must be a defined element with a canvas that has a
         * size and has drawn (opaque pixels); charts fill in after the page, so this waits up to 20 s.
         */
        private void assertChartsHaveDrawn(String path) {
            var count = ((Number) page.evaluate("() => document.querySelectorAll('omni-chart').length")).intValue();
            if (count == 0) {
                return;
            }
            try {
                page.waitForFunction(CHARTS_DRAWN, null, new Page.WaitForFunctionOptions().setTimeout(20_000));
            } catch (PlaywrightException notDrawn) {
                fail("charts on /" + path + " as " + visitor + " have not drawn: " + page.evaluate(CHART_STATES));
            }
        }

        /** The whole view: the app layout scrolls inside its content area, so the viewport grows to the view's height. */
        private void screenshot(String name) {
            try {
                var height = ((Number) page.evaluate("""
                        () => {
                          const layout = document.querySelector('vaadin-app-layout');
                          const main = layout && [...layout.children].find(c => !c.hasAttribute('slot'));
                          return main ? main.scrollHeight + 120 : document.documentElement.scrollHeight;
                        }""")).intValue();
                page.setViewportSize(1440, Math.clamp(height, 900, 6000));
                page.screenshot(new Page.ScreenshotOptions()
                        .setPath(TOUR.resolve(name + ".png"))
                        .setFullPage(true));
            } catch (PlaywrightException e) {
                problems.add("no screenshot: " + e.getMessage());
            } finally {
                page.setViewportSize(1440, 900);
            }
        }
    }

    private static final String CHART_STATES = """
            () => [...document.querySelectorAll('omni-chart')]
              .filter(chart => chart.parentElement && chart.parentElement.checkVisibility())
              .map(chart => {
                const canvas = chart.shadowRoot && chart.shadowRoot.querySelector('canvas');
                if (!customElements.get('omni-chart')) return 'undefined element';
                if (!canvas || !canvas.width || !canvas.height) return 'no size';
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
                return n > 500 ? 'drawn' : 'blank';
              })""";

    private static final String CHARTS_DRAWN = "() => (" + CHART_STATES + ")().every(state => state === 'drawn')";

    /** A {@code @Route} class: its path template and who may open it. */
    private record RouteInfo(String template, Set<Visitor> visitors, boolean catchAll, boolean menu) {

        boolean reachableBy(Visitor visitor) {
            return visitors.contains(visitor);
        }

        /** The concrete paths to open: an optional parameter is opened without and with a value. */
        List<String> pathsFor(Visitor visitor) {
            var paths = new ArrayList<String>();
            paths.add("");
            for (var segment : template.split("/")) {
                if (segment.isEmpty()) {
                    continue;
                }
                if (!segment.startsWith(":")) {
                    paths.replaceAll(path -> join(path, segment));
                    continue;
                }
                var name = segment.substring(1).replaceAll("[?*]$", "").replaceAll("\\(.*\\)", "");
                var value = switch (name) {
                    case "conversationId" -> conversationId;
                    case "customer" -> CUSTOMER;
                    case "path" -> "no-such-page";
                    default ->
                        throw new AssertionError("route " + template + " has a parameter '" + name
                                + "' this tier has no value for: add one to ProductionJarBrowserIT.RouteInfo.pathsFor");
                };
                if (segment.endsWith("?")) {
                    var withValue =
                            paths.stream().map(path -> join(path, value)).toList();
                    paths.addAll(withValue);
                } else {
                    paths.replaceAll(path -> join(path, value));
                }
            }
            return paths.stream().distinct().toList();
        }

        static boolean matches(String template, String path) {
            var regex = Arrays.stream(template.split("/"))
                    .filter(s -> !s.isEmpty())
                    .map(s -> s.startsWith(":")
                            ? (s.endsWith("?") ? "(/[^/]+)?" : s.endsWith("*") ? "(/.*)?" : "/[^/]+")
                            : "/" + java.util.regex.Pattern.quote(s))
                    .reduce("", String::concat);
            return ("/" + path).replaceAll("/$", "").matches(regex.isEmpty() ? "" : regex)
                    || (template.isEmpty() && path.isEmpty());
        }

        private static String join(String path, String segment) {
            return path.isEmpty() ? segment : path + "/" + segment;
        }
    }

    /** Every {@code @Route} under {@code uk.co.omniops}, with the visitors its access annotations let in. */
    private static List<RouteInfo> routes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        var routes = new ArrayList<RouteInfo>();
        for (var candidate : scanner.findCandidateComponents("uk.co.omniops")) {
            Class<?> view;
            try {
                view = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            var route = view.getAnnotation(Route.class);
            var template = route.value();
            Collection<Visitor> visitors;
            if (view.isAnnotationPresent(AnonymousAllowed.class)) {
                visitors = EnumSet.of(Visitor.ANONYMOUS);
            } else if (view.isAnnotationPresent(PermitAll.class)) {
                visitors = EnumSet.complementOf(EnumSet.of(Visitor.ANONYMOUS));
            } else if (view.isAnnotationPresent(RolesAllowed.class)) {
                visitors = Arrays.stream(view.getAnnotation(RolesAllowed.class).value())
                        .map(Visitor::valueOf)
                        .toList();
            } else {
                throw new AssertionError(view.getName() + " has no access annotation");
            }
            routes.add(new RouteInfo(
                    template, Set.copyOf(visitors), template.contains("*"), view.isAnnotationPresent(Menu.class)));
        }
        routes.sort(Comparator.comparing(RouteInfo::catchAll).thenComparing(RouteInfo::template));
        return routes;
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
