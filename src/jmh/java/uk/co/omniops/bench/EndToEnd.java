package uk.co.omniops.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import tools.jackson.databind.json.JsonMapper;

import uk.co.omniops.test.Browser;

/**
 * End to end: a message POSTed to the API → stored → analysed (job queue) → the sentiment badge appears in an agent's
 * browser that has the conversation open (Vaadin push). Traffic is an open model at {@code rate} messages/s spread over
 * the three demo customers' conversations (each customer's key stays within its default rate limit); {@code watched}
 * of TechSupport Co's conversations are open in the agent's browser tabs and receive {@code watch-share} of the
 * traffic. A MutationObserver in each tab stores {@code Date.now()} when a message's badge first appears; the driver
 * stores {@code System.currentTimeMillis()} just before each POST: the same machine clock. With {@code --frames} each
 * tab also records when a push frame naming a message id was handed to the page (a wrapper around {@code WebSocket},
 * ahead of Vaadin's own handler), which splits the badge's time into the part before the tab (server, push, the
 * browser's network and event queue) and the tab's own processing of that frame.
 *
 * <pre>
 * java -cp … uk.co.omniops.bench.EndToEnd --base=http://127.0.0.1:18080 --rates=10,50 --seconds=60 --watched=2
 * </pre>
 */
public final class EndToEnd {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> KEYS = List.of("dev-techsupport-co-key", "dev-thompson-engineering-key",
            "dev-fooddelivery-inc-key");
    private static final String OBSERVER = """
            () => {
              window.__badges = {};
              window.__items = {};
              const record = () => {
                const now = Date.now();
                for (const el of document.querySelectorAll('.omniops-msg[data-message-id]')) {
                  const id = el.getAttribute('data-message-id');
                  if (!(id in window.__items)) window.__items[id] = now;
                }
                for (const el of document.querySelectorAll('.omniops-sentiment-button[data-message-id]')) {
                  const id = el.getAttribute('data-message-id');
                  if (!(id in window.__badges)) window.__badges[id] = now;
                }
              };
              new MutationObserver(record).observe(document.body, {childList: true, subtree: true});
              record();
            }""";

    /** Before any page script: every id-like string in every push frame, with the time the page received the frame. */
    private static final String FRAMES = """
            (() => {
              window.__frames = {};
              window.__pushes = {count: 0, chars: 0};
              window.__busy = {count: 0, ms: 0};
              try {
                new PerformanceObserver(list => {
                  for (const e of list.getEntries()) { window.__busy.count++; window.__busy.ms += e.duration; }
                }).observe({type: 'longtask'});
              } catch (e) { /* no long-task timing in this browser */ }
              const Native = window.WebSocket;
              const ids = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
              const Wrapped = function (...args) {
                const ws = new Native(...args);
                ws.addEventListener('message', e => {
                  const now = Date.now();
                  if (typeof e.data !== 'string') return;
                  window.__pushes.count++;
                  window.__pushes.chars += e.data.length;
                  if (e.data.length > (window.__pushes.sample || "").length) window.__pushes.sample = e.data;
                  if (window.__keepFrames) (window.__pushes.all = window.__pushes.all || []).push(e.data);
                  for (const id of new Set(e.data.match(ids) || [])) {
                    (window.__frames[id] = window.__frames[id] || []).push(now);
                  }
                });
                return ws;
              };
              Wrapped.prototype = Native.prototype;
              for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Wrapped[k] = Native[k];
              window.WebSocket = Wrapped;
            })()""";

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // Playwright's threads would keep the JVM alive
        }
        System.exit(0);
    }

    static void measure(String[] args) throws Exception {
        var a = IngestLoad.args(args);
        var base = a.getOrDefault("base", "http://127.0.0.1:18080");
        var rates = a.getOrDefault("rates", "10,50").split(",");
        var seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
        var watched = Integer.parseInt(a.getOrDefault("watched", "2"));
        var background = Integer.parseInt(a.getOrDefault("background", "60"));
        var texts = BenchTexts.load();
        try (var http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor()).build()) {
            for (var rateText : rates) {
                var rate = Integer.parseInt(rateText.strip());
                var share = Double.parseDouble(a.getOrDefault("watch-share", String.valueOf(Math.min(0.5, 5.0 / rate))));
                // conversations: the watched ones (TechSupport Co) and background ones spread over the three customers
                var watchedIds = new ArrayList<String>();
                for (int i = 0; i < watched; i++) {
                    watchedIds.add(start(http, base, KEYS.get(0), "Watched " + rate + "-" + i, texts.get(i)));
                }
                var backgroundIds = new ArrayList<String[]>();
                for (int i = 0; i < background; i++) {
                    var key = KEYS.get(i % KEYS.size());
                    backgroundIds.add(new String[] {key, start(http, base, key, "Busy " + rate + "-" + i, texts.get(i + 5))});
                }
                BrowserContext context = Browser.newContext();
                context.setDefaultTimeout(180_000); // page loads on a saturated shared machine
                if (a.containsKey("frames")) {
                    if (System.getProperty("e2e.frames-dump") != null) {
                        context.addInitScript("window.__keepFrames = true");
                    }
                    context.addInitScript(FRAMES);
                }
                var pages = new ArrayList<Page>();
                for (var id : watchedIds) {
                    var page = context.newPage();
                    if (a.containsKey("debug")) {
                        var tab = pages.size();
                        page.onWebSocket(ws -> {
                            System.out.println("  tab " + tab + " websocket " + ws.url());
                            ws.onClose(w -> System.out.println("  tab " + tab + " websocket closed"));
                        });
                        page.onConsoleMessage(m -> System.out.println("  tab " + tab + " console " + m.type() + ": " + m.text()));
                        page.onRequestFailed(r -> System.out.println("  tab " + tab + " failed " + r.url() + " " + r.failure()));
                    }
                    if (pages.isEmpty()) {
                        Browser.signIn(page, base, "agent@techsupport-co", "demo");
                        page.waitForURL(url -> url.contains("/inbox"));
                    }
                    page.navigate(base + "/inbox/" + id);
                    page.waitForSelector(".omniops-msg[data-message-id]");
                    page.evaluate(OBSERVER);
                    pages.add(page);
                }
                Thread.sleep(3000); // let the pages settle (first badge, push connection)
                if (a.containsKey("trace")) {
                    // a Chromium performance trace of the first tab during the run (open it in chrome://tracing)
                    context.browser().startTracing(pages.getFirst(), new com.microsoft.playwright.Browser.StartTracingOptions()
                            .setPath(java.nio.file.Path.of(a.get("trace"))));
                }

                var postedAt = new ConcurrentHashMap<String, Long>();
                var answered = new java.util.concurrent.ConcurrentLinkedQueue<Double>(); // POST send → response, ms
                var failures = new AtomicInteger();
                var sent = new AtomicInteger();
                var total = rate * seconds;
                var scheduler = Executors.newSingleThreadScheduledExecutor();
                var workers = Executors.newVirtualThreadPerTaskExecutor();
                var periodNanos = 1_000_000_000L / rate;
                var watchEvery = Math.max(1, (int) Math.round(1 / share));
                var counter = new AtomicInteger();
                var done = new java.util.concurrent.CountDownLatch(total);
                scheduler.scheduleAtFixedRate(() -> {
                    var n = counter.getAndIncrement();
                    if (n >= total) {
                        return;
                    }
                    workers.submit(() -> {
                        try {
                            var watchedMessage = n % watchEvery == 0;
                            String key;
                            String conversation;
                            if (watchedMessage) {
                                key = KEYS.get(0);
                                conversation = watchedIds.get((n / watchEvery) % watchedIds.size());
                            } else {
                                var b = backgroundIds.get(n % backgroundIds.size());
                                key = b[0];
                                conversation = b[1];
                            }
                            var body = "{\"text\":" + JSON.writeValueAsString(texts.get((n * 11 + 1) % texts.size())) + "}";
                            var t0 = System.currentTimeMillis();
                            var r = http.send(IngestLoad.post(base + "/api/v1/conversations/" + conversation + "/messages",
                                    key, body), HttpResponse.BodyHandlers.ofString());
                            answered.add((double) (System.currentTimeMillis() - t0));
                            sent.incrementAndGet();
                            if (r.statusCode() != 201) {
                                failures.incrementAndGet();
                            } else if (watchedMessage) {
                                postedAt.put(JSON.readTree(r.body()).get("id").asString(), t0);
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        } finally {
                            done.countDown();
                        }
                    });
                }, 0, periodNanos, TimeUnit.NANOSECONDS);
                done.await(seconds + 120L, TimeUnit.SECONDS);
                scheduler.shutdownNow();
                workers.close();

                if (a.containsKey("trace")) {
                    context.browser().stopTracing();
                }
                // wait (up to 60 s) for the remaining badges
                var deadline = System.currentTimeMillis() + 60_000;
                Map<String, Long> seen = new ConcurrentHashMap<>();
                while (true) {
                    seen.clear();
                    for (var page : pages) {
                        @SuppressWarnings("unchecked")
                        var badges = (Map<String, Object>) page.evaluate("() => window.__badges");
                        badges.forEach((id, t) -> seen.put(id, ((Number) t).longValue()));
                    }
                    if (seen.keySet().containsAll(postedAt.keySet()) || System.currentTimeMillis() > deadline) {
                        break;
                    }
                    Thread.sleep(500);
                }
                var items = new ConcurrentHashMap<String, Long>();
                for (var page : pages) {
                    @SuppressWarnings("unchecked")
                    var shown = (Map<String, Object>) page.evaluate("() => window.__items");
                    shown.forEach((id, t) -> items.put(id, ((Number) t).longValue()));
                }
                var toItem = new ArrayList<Double>();
                for (var e : postedAt.entrySet()) {
                    var t = items.get(e.getKey());
                    if (t != null) {
                        toItem.add((double) (t - e.getValue()));
                    }
                }
                var latencies = new ArrayList<Double>();
                var missing = 0;
                for (var e : postedAt.entrySet()) {
                    var t = seen.get(e.getKey());
                    if (t == null) {
                        missing++;
                    } else {
                        latencies.add((double) (t - e.getValue()));
                    }
                }
                if (missing > 0) {
                    for (int i = 0; i < pages.size(); i++) {
                        var page = pages.get(i);
                        System.out.println("  tab " + i + " " + page.url() + ": " + page.evaluate("""
                                () => 'messages=' + document.querySelectorAll('.omniops-msg[data-message-id]').length
                                  + ' badges=' + document.querySelectorAll('.omniops-sentiment-button').length
                                  + ' observed=' + Object.keys(window.__badges || {}).length"""));
                        Browser.screenshot(page, "e2e-" + rate + "-tab" + i);
                    }
                }
                // a slow POST means the time went before the message was stored (ingestion), not in the push path
                System.out.println("  POST sent -> answered (all messages): "
                        + Stats.of(answered.stream().mapToDouble(Double::doubleValue).toArray()).format("ms"));
                if (a.containsKey("frames")) {
                    frames(pages, postedAt, seen);
                }
                context.close();
                var s = Stats.of(latencies.stream().mapToDouble(Double::doubleValue).toArray());
                System.out.printf(Locale.ROOT, "rate %d msg/s for %d s: sent=%d failed=%d, watched messages=%d in %d tab(s), "
                        + "badge never seen=%d%n", rate, seconds, sent.get(), failures.get(), postedAt.size(), pages.size(), missing);
                System.out.println("  POST -> message visible (before its analysis): "
                        + Stats.of(toItem.stream().mapToDouble(Double::doubleValue).toArray()).format("ms"));
                System.out.println("  POST -> badge visible: " + s.format("ms"));
                System.out.printf(Locale.ROOT, "RESULT e2e rate=%d sent=%d failed=%d watched=%d missing=%d p50_ms=%.0f p95_ms=%.0f "
                        + "max_ms=%.0f budget_ms=1000 ratio_p95_to_budget=%.2f%n", rate, sent.get(), failures.get(),
                        postedAt.size(), missing, s.p50(), s.p95(), s.max(), s.p95() / 1000);
            }
        }
        System.exit(0);
    }

    /**
     * For each watched message whose badge was seen: the last push frame naming it that the page received before the
     * badge appeared. POST → that frame is everything before the tab; frame → badge is the tab's processing (a lower
     * bound: a later frame naming the same message may have arrived before the badge's frame was processed).
     */
    @SuppressWarnings("unchecked")
    static void frames(List<Page> pages, Map<String, Long> postedAt, Map<String, Long> badges) {
        var received = new java.util.HashMap<String, List<Long>>();
        for (var page : pages) {
            ((Map<String, Object>) page.evaluate("() => window.__frames || {}")).forEach((id, times) ->
                    ((List<Object>) times).forEach(t -> received.computeIfAbsent(id, k -> new ArrayList<>())
                            .add(((Number) t).longValue())));
        }
        var beforeTab = new ArrayList<Double>();
        var inTab = new ArrayList<Double>();
        var noFrame = 0;
        for (var e : postedAt.entrySet()) {
            var badge = badges.get(e.getKey());
            if (badge == null) {
                continue;
            }
            var frame = received.getOrDefault(e.getKey(), List.of()).stream().filter(t -> t <= badge).max(Long::compare);
            if (frame.isEmpty()) {
                noFrame++;
                continue;
            }
            beforeTab.add((double) (frame.get() - e.getValue()));
            inTab.add((double) (badge - frame.get()));
        }
        for (int i = 0; i < pages.size(); i++) {
            System.out.println("  tab " + i + ": " + pages.get(i).evaluate("""
                    () => 'push frames=' + window.__pushes.count + ' (' + Math.round(window.__pushes.chars / 1024) + ' KiB), '
                      + 'long tasks=' + window.__busy.count + ' (' + Math.round(window.__busy.ms) + ' ms of main thread), '
                      + 'elements=' + document.getElementsByTagName('*').length"""));
        }
        fromFirstTab(pages, "e2e.sample", "() => window.__pushes.sample || ''");
        fromFirstTab(pages, "e2e.frames-dump", "() => JSON.stringify(window.__pushes.all || [])");
        System.out.println("  POST -> push frame received by the tab: "
                + Stats.of(beforeTab.stream().mapToDouble(Double::doubleValue).toArray()).format("ms"));
        System.out.println("  push frame -> badge in the DOM (the tab's processing): "
                + Stats.of(inTab.stream().mapToDouble(Double::doubleValue).toArray()).format("ms")
                + (noFrame > 0 ? " (" + noFrame + " badge(s) without a frame naming the message)" : ""));
    }

    /** Writes what {@code script} returns in the first tab to the file named by system property {@code property}. */
    private static void fromFirstTab(List<Page> pages, String property, String script) {
        if (System.getProperty(property) == null) {
            return;
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of(System.getProperty(property)),
                    String.valueOf(pages.getFirst().evaluate(script)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String start(HttpClient http, String base, String key, String name, String text) throws Exception {
        var r = startRequest(http, base, key, name, text);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("start conversation: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).get("id").asString();
    }

    /** POST /api/v1/conversations as the contact {@code name}, answered as is (201 carries the conversation's id). */
    static HttpResponse<String> startRequest(HttpClient http, String base, String key, String name, String text)
            throws Exception {
        var body = "{\"contact\":{\"name\":" + JSON.writeValueAsString(name) + ",\"email\":\"e2e"
                + Math.abs(name.hashCode()) + "@example.com\"},\"text\":" + JSON.writeValueAsString(text) + "}";
        return http.send(IngestLoad.post(base + "/api/v1/conversations", key, body), HttpResponse.BodyHandlers.ofString());
    }
}
