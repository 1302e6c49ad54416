package uk.co.omniops.bench;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.Cookie;

import uk.co.omniops.test.Browser;

/**
 * The executive's {@code /insights} page in Chromium, per period (last 7, 30, 90 days): <b>cold</b> = a new browser
 * context (empty HTTP cache; the signed-in session's cookies copied in, so the sign-in page never warms the cache)
 * navigating to {@code /insights?from=…&to=…}; <b>warm</b> = the same tab reloading; <b>switch</b> = in the open
 * page, choosing another period in the period selector ({@code #insight-preset}). Each ends when the seven headline
 * figures are shown and all five {@code <omni-chart>}s of the report have drawn (more than 2,000 opaque pixels on
 * their canvas, as {@code Browser.waitUntilChartDrawn}), for a switch: new figure and chart elements (the view
 * replaces them) and the new period in the URL. Times are the page's own clock ({@code performance.now()}): a load
 * from navigation start, a switch from the click on the period's item, so Playwright's own waiting is not in them.
 *
 * <p>Where the time goes, from the same page: the document request (request → first byte = the server; Vaadin's
 * bootstrap page), the JavaScript bundle (when the last script had arrived, bytes over the wire: 0 when cached),
 * Vaadin's {@code v-r=init} request (the server builds the UI and the view, reads the report, serialises the state
 * tree: its request → first byte), later UIDL requests and push frames (a wrapper around {@code WebSocket} records
 * when each frame was sent and handed to the page), when the figures appeared, when each chart had drawn, and the
 * long tasks. "after last response" = ready − the last server answer before it (init, UIDL or push frame): the
 * browser's work alone.
 *
 * <pre>
 * java -cp … uk.co.omniops.bench.InsightsPage --base=http://127.0.0.1:18280 [--periods=7,30,90] [--repeat=5]
 *     [--warmup=1] [--user=executive@techsupport-co] [--password=demo] [--verbose]
 * </pre>
 */
public final class InsightsPage {

    private static final List<String> CHARTS = List.of("insight-chart-volume", "insight-chart-sentiment",
            "insight-chart-categories", "insight-chart-escalations", "insight-chart-topics");

    /** Before any page script: push frames with their times, long tasks, the last click, when the figures appeared. */
    private static final String PROBE = """
            (() => {
              const b = window.__bench = {ws: [], longTasks: [], clickAt: null, figuresAt: null, readyAt: null, drawn: {}};
              try {
                new PerformanceObserver(list => {
                  for (const e of list.getEntries()) b.longTasks.push({t: e.startTime, d: e.duration});
                }).observe({type: 'longtask', buffered: true});
              } catch (e) { /* no long-task timing in this browser */ }
              const Native = window.WebSocket;
              const Wrapped = function (...args) {
                const ws = new Native(...args);
                ws.addEventListener('message', e => b.ws.push({dir: 'in', t: performance.now(),
                    n: typeof e.data === 'string' ? e.data.length : (e.data.byteLength || e.data.size || 0)}));
                const send = ws.send.bind(ws);
                ws.send = d => { b.ws.push({dir: 'out', t: performance.now(), n: typeof d === 'string' ? d.length : 0});
                                 return send(d); };
                return ws;
              };
              Wrapped.prototype = Native.prototype;
              for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Wrapped[k] = Native[k];
              window.WebSocket = Wrapped;
              window.addEventListener('click', () => { b.clickAt = performance.now(); }, true);
              const figures = () => {
                if (b.figuresAt !== null) return;
                const f = document.querySelectorAll('#insight-figures .omniops-insight-figure');
                if (f.length >= 7 && ![...f].some(e => e.__benchStale)) b.figuresAt = performance.now();
              };
              const start = () => new MutationObserver(figures).observe(document.documentElement,
                  {childList: true, subtree: true});
              if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
              const pixels = chart => {
                const canvas = chart.shadowRoot && chart.shadowRoot.querySelector('canvas');
                if (!canvas || !canvas.width || !canvas.height) return 0;
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let n = 0;
                for (let i = 3; i < data.length; i += 4) if (data[i] > 0 && ++n > 2000) break;
                return n;
              };
              // true once the figures are shown and every chart has drawn; a stale (replaced) element never counts
              window.__benchReady = (ids, from) => {
                if (b.readyAt !== null) return true;
                if (from && !location.search.includes('from=' + from)) return false;
                if (b.figuresAt === null) figures();
                if (b.figuresAt === null) return false;
                let all = true;
                for (const id of ids) {
                  const el = document.getElementById(id);
                  if (!el || el.__benchStale) { all = false; continue; }
                  if (el.__benchDrawn === undefined) {
                    if (pixels(el) > 2000) { el.__benchDrawn = performance.now(); b.drawn[id] = el.__benchDrawn; }
                    else all = false;
                  }
                }
                if (all) b.readyAt = performance.now();
                return all;
              };
              // before a switch: what is on the page now is stale, times start again
              window.__benchStale = () => {
                for (const el of document.querySelectorAll('omni-chart, #insight-figures .omniops-insight-figure'))
                  el.__benchStale = true;
                b.figuresAt = null; b.readyAt = null; b.drawn = {}; b.clickAt = null;
                b.mark = performance.now();
              };
            })()""";

    /** Everything the breakdown needs, in page time (ms since navigation start). */
    private static final String TIMINGS = """
            () => {
              const b = window.__bench;
              const nav = performance.getEntriesByType('navigation')[0];
              const res = performance.getEntriesByType('resource');
              const vaadin = res.filter(r => r.name.includes('v-r=')).map(r => ({
                  kind: (r.name.match(/v-r=([a-z]+)/) || [])[1], start: r.startTime, req: r.requestStart,
                  first: r.responseStart, end: r.responseEnd, bytes: r.transferSize, body: r.encodedBodySize}));
              const scripts = res.filter(r => r.initiatorType === 'script' || /\\.m?js(\\?|$)/.test(r.name));
              return {
                nav: nav ? {req: nav.requestStart, first: nav.responseStart, end: nav.responseEnd, bytes: nav.transferSize,
                            dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd} : null,
                scripts: {count: scripts.length, end: Math.max(0, ...scripts.map(r => r.responseEnd)),
                          bytes: scripts.reduce((s, r) => s + r.transferSize, 0),
                          body: scripts.reduce((s, r) => s + r.encodedBodySize, 0)},
                resources: {count: res.length, bytes: res.reduce((s, r) => s + r.transferSize, 0)},
                wire: res.filter(r => r.transferSize > 0 && !r.name.includes('v-r='))
                         .map(r => r.name.replace(location.origin, '').split('?')[0] + ' ' + Math.round(r.transferSize / 1024) + ' KB'),
                vaadin, ws: b.ws, longTasks: b.longTasks, clickAt: b.clickAt, mark: b.mark ?? null,
                figuresAt: b.figuresAt, readyAt: b.readyAt, drawn: b.drawn
              };
            }""";

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Exception e) {
            e.printStackTrace();
            System.exit(1); // Playwright's threads would keep the JVM alive
        }
        System.exit(0);
    }

    record Period(int days, String from, String to, String label) {
        static Period of(int days) {
            var today = LocalDate.now(ZoneOffset.UTC); // the presets: "last N days" ends today (inclusive, UTC)
            return new Period(days, today.minusDays(days - 1L).toString(), today.toString(), "Last " + days + " days");
        }
    }

    /** One measured load or switch and its breakdown, ms in page time. */
    record Sample(double total, Map<String, Double> parts, List<?> wire) {}

    static void measure(String[] args) throws Exception {
        var a = IngestLoad.args(args);
        var base = a.getOrDefault("base", "http://127.0.0.1:18280");
        var repeat = Integer.parseInt(a.getOrDefault("repeat", "5"));
        var warmup = Integer.parseInt(a.getOrDefault("warmup", "1"));
        var verbose = a.containsKey("verbose");
        var periods = new ArrayList<Period>();
        for (var d : a.getOrDefault("periods", "7,30,90").split(",")) {
            periods.add(Period.of(Integer.parseInt(d.strip())));
        }
        var cookies = signIn(base, a.getOrDefault("user", "executive@techsupport-co"), a.getOrDefault("password", "demo"));

        // samples[measure][period]
        var samples = new LinkedHashMap<String, Map<Integer, List<Sample>>>();
        for (var m : List.of("cold", "warm", "switch")) {
            var byPeriod = new LinkedHashMap<Integer, List<Sample>>();
            periods.forEach(p -> byPeriod.put(p.days(), new ArrayList<>()));
            samples.put(m, byPeriod);
        }
        for (int round = -warmup; round < repeat; round++) {
            for (int i = 0; i < periods.size(); i++) {
                var p = periods.get(i);
                var next = periods.get((i + 1) % periods.size());
                BrowserContext context = Browser.newContext(); // empty cache
                context.setDefaultTimeout(120_000); // page loads on a saturated shared machine
                context.addCookies(cookies);
                context.addInitScript(PROBE);
                try {
                    var page = context.newPage();
                    var url = base + "/insights?from=" + p.from() + "&to=" + p.to();
                    page.navigate(url);
                    var cold = load(page, null);
                    page.reload();
                    var warm = load(page, null);
                    var sw = periods.size() > 1 ? switchTo(page, next) : null;
                    var label = round < 0 ? "warm-up (not counted)" : "round " + (round + 1);
                    if (verbose || round < 0) {
                        System.out.printf(Locale.ROOT, "%s %dd: cold %.0f ms, warm %.0f ms%s%n", label, p.days(), cold.total(),
                                warm.total(), sw == null ? "" : String.format(Locale.ROOT, ", switch to %dd %.0f ms",
                                        next.days(), sw.total()));
                        if (verbose) {
                            System.out.println("  cold over the wire: " + cold.wire());
                            System.out.println("  warm over the wire: " + warm.wire());
                            System.out.println("  cold   " + cold.parts());
                            System.out.println("  warm   " + warm.parts());
                            if (sw != null) {
                                System.out.println("  switch " + sw.parts());
                            }
                        }
                    }
                    if (round >= 0) {
                        samples.get("cold").get(p.days()).add(cold);
                        samples.get("warm").get(p.days()).add(warm);
                        if (sw != null) {
                            samples.get("switch").get(next.days()).add(sw); // counted for the period switched to
                        }
                    }
                } finally {
                    context.close();
                }
            }
        }

        System.out.println();
        System.out.println("time until the figures are shown and all five charts have drawn (ms, page clock):");
        for (var m : samples.entrySet()) {
            for (var p : periods) {
                var list = m.getValue().get(p.days());
                var s = Stats.of(list.stream().mapToDouble(Sample::total).toArray());
                System.out.printf(Locale.ROOT, "RESULT insights measure=%s period=%dd n=%d p50_ms=%.0f max_ms=%.0f min_ms=%.0f%n",
                        m.getKey(), p.days(), s.n(), s.p50(), s.max(),
                        list.stream().mapToDouble(Sample::total).min().orElse(Double.NaN));
            }
        }
        System.out.println();
        System.out.println("where the time goes (median of each part over the samples, ms in page time; "
                + "loads from navigation start, a switch from the click):");
        for (var m : samples.entrySet()) {
            for (var p : periods) {
                var list = m.getValue().get(p.days());
                if (list.isEmpty()) {
                    continue;
                }
                var keys = new java.util.LinkedHashSet<String>();
                list.forEach(s -> keys.addAll(s.parts().keySet()));
                var line = new StringBuilder();
                for (var k : keys) {
                    var values = list.stream().map(s -> s.parts().get(k)).filter(v -> v != null && !v.isNaN())
                            .mapToDouble(Double::doubleValue).toArray();
                    if (values.length > 0) {
                        line.append(String.format(Locale.ROOT, " %s=%.0f", k, Stats.of(values).p50()));
                    }
                }
                System.out.printf(Locale.ROOT, "BREAKDOWN insights measure=%s period=%dd%s%n", m.getKey(), p.days(), line);
            }
        }
    }

    /** Signs in once in a context of its own; the cookies carry the session into every measured context. */
    static List<Cookie> signIn(String base, String user, String password) {
        var context = Browser.newContext();
        context.setDefaultTimeout(120_000);
        try {
            var page = context.newPage();
            Browser.signIn(page, base, user, password);
            page.waitForURL(url -> !url.contains("/login"));
            return context.cookies();
        } finally {
            context.close();
        }
    }

    /** Waits until the page is ready (figures and five drawn charts) and reads the breakdown of this load. */
    static Sample load(Page page, String from) {
        waitReady(page, from);
        var t = timings(page);
        var parts = new LinkedHashMap<String, Double>();
        @SuppressWarnings("unchecked")
        var nav = (Map<String, Object>) t.get("nav");
        if (nav != null) {
            parts.put("doc_server", num(nav, "first") - num(nav, "req"));
            parts.put("doc_end", num(nav, "end"));
            parts.put("doc_kb", num(nav, "bytes") / 1024);
            parts.put("dom_content_loaded", num(nav, "dcl"));
        }
        @SuppressWarnings("unchecked")
        var scripts = (Map<String, Object>) t.get("scripts");
        parts.put("scripts", num(scripts, "count"));
        parts.put("scripts_end", num(scripts, "end"));
        parts.put("scripts_kb_wire", num(scripts, "bytes") / 1024);
        @SuppressWarnings("unchecked")
        var resources = (Map<String, Object>) t.get("resources");
        parts.put("resources_kb_wire", num(resources, "bytes") / 1024);
        var ready = num(t, "readyAt");
        double lastResponse = num(nav, "end");
        var vaadin = list(t, "vaadin");
        int uidl = 0;
        double uidlServer = 0;
        for (var r : vaadin) {
            if (num(r, "end") > ready) {
                continue;
            }
            if ("init".equals(r.get("kind"))) {
                parts.put("init_start", num(r, "start"));
                parts.put("init_server", num(r, "first") - num(r, "req"));
                parts.put("init_end", num(r, "end"));
                parts.put("init_kb", num(r, "body") / 1024);
            } else if ("uidl".equals(r.get("kind"))) {
                uidl++;
                uidlServer += num(r, "first") - num(r, "req");
                if (uidl <= 3) { // each of the first UIDL round trips: sent, server (request → first byte), answered
                    parts.put("uidl" + uidl + "_start", num(r, "start"));
                    parts.put("uidl" + uidl + "_server", num(r, "first") - num(r, "req"));
                    parts.put("uidl" + uidl + "_end", num(r, "end"));
                    parts.put("uidl" + uidl + "_kb", num(r, "body") / 1024);
                }
            }
            lastResponse = Math.max(lastResponse, num(r, "end"));
        }
        parts.put("uidl_requests", (double) uidl);
        parts.put("uidl_server", uidlServer);
        var frames = push(t, 0, ready, parts);
        lastResponse = Math.max(lastResponse, frames);
        return finish(t, ready, lastResponse, 0, parts);
    }

    /** Chooses another period in the open page and waits until the new figures and charts are there. */
    static Sample switchTo(Page page, Period to) {
        page.evaluate("() => window.__benchStale()");
        page.locator("#insight-preset").click();
        var item = page.locator("vaadin-select-item").filter(new Locator.FilterOptions().setHasText(to.label()));
        item.click();
        waitReady(page, to.from());
        var t = timings(page);
        var parts = new LinkedHashMap<String, Double>();
        var click = num(t, "clickAt");
        var ready = num(t, "readyAt");
        double lastResponse = click;
        int uidl = 0;
        double uidlServer = 0;
        for (var r : list(t, "vaadin")) {
            if ("uidl".equals(r.get("kind")) && num(r, "start") >= click && num(r, "end") <= ready) {
                uidl++;
                uidlServer += num(r, "first") - num(r, "req");
                if (uidl == 1) {
                    parts.put("click_to_send", num(r, "start") - click);
                    parts.put("uidl1_kb", num(r, "body") / 1024);
                }
                lastResponse = Math.max(lastResponse, num(r, "end"));
            }
        }
        parts.put("uidl_requests", (double) uidl);
        parts.put("uidl_server", uidlServer);
        lastResponse = Math.max(lastResponse, push(t, click, ready, parts));
        return finish(t, ready, lastResponse, click, parts);
    }

    /**
     * Push frames between {@code from} and {@code until}: counts, sizes, and the round trip from the first frame sent
     * to the first frame received after it (server time + network). Returns the time of the last frame received.
     */
    static double push(Map<String, Object> t, double from, double until, Map<String, Double> parts) {
        int out = 0, in = 0;
        double inChars = 0, firstOut = Double.NaN, firstInAfterOut = Double.NaN, lastIn = 0;
        for (var f : list(t, "ws")) {
            var at = num(f, "t");
            if (at < from || at > until) {
                continue;
            }
            if ("out".equals(f.get("dir"))) {
                out++;
                if (Double.isNaN(firstOut)) {
                    firstOut = at;
                }
            } else {
                in++;
                inChars += num(f, "n");
                lastIn = at;
                if (!Double.isNaN(firstOut) && Double.isNaN(firstInAfterOut)) {
                    firstInAfterOut = at;
                }
            }
        }
        parts.put("push_out", (double) out);
        parts.put("push_in", (double) in);
        parts.put("push_in_kb", inChars / 1024);
        if (from > 0 && out > 0) { // a switch over the websocket: click → sent, sent → answer received
            parts.put("click_to_send", firstOut - from);
            parts.put("push_round_trip", firstInAfterOut - firstOut);
        }
        return lastIn;
    }

    static Sample finish(Map<String, Object> t, double ready, double lastResponse, double origin,
            Map<String, Double> parts) {
        parts.put("last_response", lastResponse - origin);
        parts.put("figures", num(t, "figuresAt") - origin);
        @SuppressWarnings("unchecked")
        var drawn = (Map<String, Object>) t.get("drawn");
        double firstChart = Double.MAX_VALUE;
        for (var id : CHARTS) {
            if (drawn.get(id) instanceof Number n) {
                firstChart = Math.min(firstChart, n.doubleValue());
            }
        }
        parts.put("first_chart_drawn", firstChart == Double.MAX_VALUE ? Double.NaN : firstChart - origin);
        parts.put("ready", ready - origin);
        parts.put("after_last_response", ready - lastResponse);
        double tasks = 0, count = 0;
        for (var task : list(t, "longTasks")) {
            if (num(task, "t") >= origin && num(task, "t") <= ready) {
                tasks += num(task, "d");
                count++;
            }
        }
        parts.put("long_tasks", count);
        parts.put("long_tasks_ms", tasks);
        return new Sample(ready - origin, parts, t.get("wire") instanceof List<?> l ? l : List.of());
    }

    static void waitReady(Page page, String from) {
        page.waitForFunction("([ids, from]) => window.__benchReady(ids, from)", List.of(CHARTS, from == null ? "" : from),
                new Page.WaitForFunctionOptions().setTimeout(120_000));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> timings(Page page) {
        return (Map<String, Object>) page.evaluate(TIMINGS);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> t, String key) {
        return t.get(key) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    static double num(Map<String, Object> m, String key) {
        return m != null && m.get(key) instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
