import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.PlaywrightException;

/**
 * The browser part of the rolling-restart scenario (bench/faults/rolling-restart.sh): an agent's Chromium, through
 * the proxy, signed in and looking at one conversation while the instances restart one by one.
 *
 * <pre>
 * java -cp TEST_CLASSPATH bench/faults/ReconnectWatcher.java --base http://127.0.0.1:NGINX --user U --password P
 *     --conversation ID --key API_KEY --run RUN --phase-file F --stop-file F [--every-ms 2000] [--ready-file F]
 *     [--sent-file F]
 * </pre>
 *
 * Records every time the page lost its push connection or reloaded, and how long until it was usable again (the
 * conversation view shown, Vaadin connected, a push connection open). Every {@code --every-ms} it posts a contact
 * message to the conversation through the proxy (so any instance ingests it; its live update reaches the page's
 * instance through Redis) and records whether the message appeared in the open page without a reload ("live"),
 * only after a reload, or not at all. Idempotency keys are {@code RUN-m-0, RUN-m-1, …} as FaultClient's, so that
 * {@code FaultClient verify --run RUN --conversations 1 --count (sent-file)} checks them stored and analysed once. The phase ("before", "during", "after") comes from {@code --phase-file}.
 * Prints the figures; exits 1 when the page did not recover, a message never appeared, or a message posted
 * before or after the restarts (page steady) did not appear live. Loopback only.
 */
public class ReconnectWatcher {

    /** Attempts that failed before a retry (connection refused or reset, 5xx, 429): should be 0 behind the proxy. */
    static final AtomicInteger FAILED_ATTEMPTS = new AtomicInteger();

    record Post(String text, String phase, long postedAt, int loadsAtPost, int status) {}

    record Seen(long at, boolean live) {}

    public static void main(String[] args) throws Exception {
        var o = new HashMap<String, String>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        var base = o.get("base");
        if (!URI.create(base).getHost().matches("127\\.0\\.0\\.1|localhost")) {
            throw new IllegalArgumentException("loopback only: " + base);
        }
        var conversation = o.get("conversation");
        var phaseFile = Path.of(o.get("phase-file"));
        var stopFile = Path.of(o.get("stop-file"));
        long everyMs = Long.parseLong(o.getOrDefault("every-ms", "2000"));
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        var posting = Executors.newVirtualThreadPerTaskExecutor();
        var posts = new ConcurrentHashMap<String, Post>();
        var seen = new HashMap<String, Seen>();
        var loads = new AtomicInteger();
        var openSockets = new AtomicInteger();
        var socketCloses = new AtomicInteger();
        var recoveries = new ArrayList<Long>();
        var loginPages = new AtomicInteger();
        long t0 = System.currentTimeMillis();
        Long lostAt = null;

        try (var playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            var options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage"));
            if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                options.setExecutablePath(Path.of("/usr/bin/chromium"));
            }
            Browser browser = playwright.chromium().launch(options);
            var context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
            context.setDefaultTimeout(90_000);
            var page = context.newPage();
            page.onWebSocket(ws -> {
                if (ws.url().contains("/VAADIN/push")) {
                    openSockets.incrementAndGet();
                    ws.onClose(closed -> {
                        openSockets.decrementAndGet();
                        socketCloses.incrementAndGet();
                    });
                }
            });

            page.navigate(base + "/login");
            page.getByLabel("Username").fill(o.get("user"));
            page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(o.get("password"));
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log in"))
                    .click();
            try {
                page.waitForURL(Pattern.compile(".*/inbox.*"));
                page.navigate(base + "/inbox/" + conversation);
                page.locator("#thread").waitFor();
            } catch (PlaywrightException e) {
                if (o.containsKey("stuck-file")) {
                    Files.writeString(Path.of(o.get("stuck-file")), "stuck\n");
                    page.waitForTimeout(15_000); // the script takes thread dumps of the instances meanwhile
                }
                var text = page.locator("body").innerText().replaceAll("\\s+", " ");
                log(t0, "could not open the conversation: at " + page.url() + ", page text: "
                        + text.substring(0, Math.min(300, text.length())));
                if (o.containsKey("screenshot")) {
                    page.screenshot(new Page.ScreenshotOptions().setPath(Path.of(o.get("screenshot"))));
                }
                throw e;
            }
            page.waitForTimeout(1_000); // the login page's push connection closes late: not a loss
            page.onLoad(p -> loads.incrementAndGet());
            int closesSeen = socketCloses.get();
            int loadsSeen = 0;
            log(t0, "page open on " + base + "/inbox/" + conversation + " (cookies: "
                    + context.cookies().stream().map(c -> c.name + (c.name.equals("omniops_route") ? "=" + c.value : ""))
                            .toList() + ")");
            if (o.containsKey("ready-file")) {
                Files.writeString(Path.of(o.get("ready-file")), "ready\n");
            }

            long nextPost = System.currentTimeMillis();
            int n = 0;
            long stopAt = Long.MAX_VALUE;
            while (true) {
                page.waitForTimeout(200); // lets Playwright deliver the page's events
                long now = System.currentTimeMillis();
                if (stopAt == Long.MAX_VALUE && Files.exists(stopFile)) {
                    stopAt = now + 30_000; // time for the last posts to show and for a recovery in progress
                }
                if (socketCloses.get() > closesSeen || loads.get() > loadsSeen) {
                    if (lostAt == null) {
                        lostAt = now;
                        log(t0, (socketCloses.get() > closesSeen ? "push connection closed" : "page reloaded")
                                + ", waiting until the page is usable again");
                    }
                    closesSeen = socketCloses.get();
                    loadsSeen = loads.get();
                }
                String text = null;
                String state = null;
                String url = page.url();
                try {
                    @SuppressWarnings("unchecked")
                    var r = (List<Object>) page.evaluate("""
                            () => {
                              const t = document.querySelector('#thread');
                              const s = window.Vaadin && window.Vaadin.connectionState;
                              return [t ? t.textContent : null, s ? String(s.state) : 'unknown'];
                            }""");
                    text = (String) r.get(0);
                    state = (String) r.get(1);
                } catch (PlaywrightException navigating) {
                    // the page is between documents
                }
                if (url.contains("/login") && lostAt != null) {
                    loginPages.incrementAndGet();
                }
                boolean usable = text != null && "connected".equals(state) && openSockets.get() > 0
                        && url.endsWith("/inbox/" + conversation);
                if (lostAt != null && usable) {
                    recoveries.add(now - lostAt);
                    log(t0, "usable again after " + (now - lostAt) + " ms (reloads so far " + loads.get() + ")");
                    lostAt = null;
                }
                if (text != null) {
                    for (var p : posts.values()) {
                        if (!seen.containsKey(p.text()) && p.status() / 100 == 2 && text.contains(p.text())) {
                            seen.put(p.text(), new Seen(now, loads.get() == p.loadsAtPost()));
                        }
                    }
                }
                if (now >= stopAt) {
                    break;
                }
                if (stopAt == Long.MAX_VALUE && now >= nextPost) {
                    nextPost += everyMs;
                    var phase = Files.exists(phaseFile) ? Files.readString(phaseFile).strip() : "before";
                    var idempotencyKey = o.get("run") + "-m-" + n;
                    var body = "Live check " + (++n) + " " + phase + " " + Long.toHexString(System.nanoTime());
                    int loadsNow = loads.get();
                    posting.submit(() -> {
                        long postedAt = System.currentTimeMillis();
                        int status = post(http, base, o.get("key"), conversation, idempotencyKey, body);
                        posts.put(body, new Post(body, phase, postedAt, loadsNow, status));
                        return null;
                    });
                }
                if (lostAt == null && stopAt != Long.MAX_VALUE && seen.size() == okPosts(posts)) {
                    break;
                }
            }
            browser.close();
            if (o.containsKey("sent-file")) {
                Files.writeString(Path.of(o.get("sent-file")), n + "\n");
            }
        }
        posting.close();

        var byPhase = new TreeMap<String, int[]>(); // phase -> posted ok, seen, live
        int failedPosts = 0;
        var liveLatencies = new ArrayList<Long>();
        for (var p : posts.values()) {
            if (p.status() / 100 != 2) {
                failedPosts++;
                continue;
            }
            var f = byPhase.computeIfAbsent(p.phase(), k -> new int[3]);
            f[0]++;
            var s = seen.get(p.text());
            if (s != null) {
                f[1]++;
                if (s.live()) {
                    f[2]++;
                    liveLatencies.add(s.at() - p.postedAt());
                }
            }
        }
        liveLatencies.sort(null);
        recoveries.sort(null);
        int expected = okPosts(posts);
        int seenCount = seen.size();
        int live = (int) seen.values().stream().filter(Seen::live).count();
        var phases = new StringBuilder();
        byPhase.forEach((k, v) -> phases.append(' ').append(k).append('=').append(v[0]).append('/').append(v[1]).append('/')
                .append(v[2]));
        System.out.println("browser: reloads=" + loads.get() + " connection-losses=" + recoveries.size()
                + (lostAt != null ? " NOT-RECOVERED (lost " + (System.currentTimeMillis() - lostAt) + " ms ago)" : "")
                + " reconnect-ms=" + recoveries + " max-reconnect-ms="
                + (recoveries.isEmpty() ? 0 : recoveries.getLast()) + " login-page-polls=" + loginPages.get());
        System.out.println("browser: live messages posted=" + posts.size() + " accepted=" + expected + " failed-posts="
                + failedPosts + " failed-attempts=" + FAILED_ATTEMPTS.get() + " seen=" + seenCount + " seen-live=" + live + " seen-after-reload=" + (seenCount - live)
                + " missing=" + (expected - seenCount) + " live-latency-ms p50="
                + (liveLatencies.isEmpty() ? "-" : liveLatencies.get(liveLatencies.size() / 2)) + " max="
                + (liveLatencies.isEmpty() ? "-" : liveLatencies.getLast()) + "; per phase accepted/seen/live:" + phases);
        boolean steadyPhasesLive = byPhase.entrySet().stream()
                .filter(e -> Set.of("before", "after").contains(e.getKey()))
                .allMatch(e -> e.getValue()[2] == e.getValue()[0] && e.getValue()[0] > 0)
                && byPhase.containsKey("before") && byPhase.containsKey("after");
        boolean ok = lostAt == null && failedPosts == 0 && seenCount == expected && steadyPhasesLive;
        System.out.println("browser: " + (ok ? "OK" : "FAILED") + " (recovered, no failed post, every message seen, "
                + "every message before and after the restarts seen live)");
        System.exit(ok ? 0 : 1);
    }

    static int okPosts(Map<String, Post> posts) {
        return (int) posts.values().stream().filter(p -> p.status() / 100 == 2).count();
    }

    /** A contact message through the proxy; retried with the same Idempotency-Key for up to 60 s. */
    static int post(HttpClient http, String base, String key, String conversation, String idempotencyKey, String text) {
        var request = HttpRequest.newBuilder(URI.create(base + "/api/v1/conversations/" + conversation + "/messages"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}", StandardCharsets.UTF_8))
                .build();
        long until = System.currentTimeMillis() + 60_000;
        int status = 0;
        while (System.currentTimeMillis() < until) {
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status / 100 == 2 || status / 100 == 4 && status != 429) {
                    return status;
                }
            } catch (Exception e) {
                status = -1;
            }
            FAILED_ATTEMPTS.incrementAndGet();
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return status;
            }
        }
        return status;
    }

    static void log(long t0, String line) {
        System.out.printf("[watcher +%5.1fs] %s%n", (System.currentTimeMillis() - t0) / 1000.0, line);
    }
}
