package org.tahawul.dashboard.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints a report page to PDF with headless Chromium over the DevTools protocol: opens the page with
 * the one-off render token as a request header and print media emulated (so the charts are drawn at
 * the paper's width), waits until every chart container says {@code data-chart-ready} and
 * {@code document.fonts.ready} has resolved, then {@code Page.printToPDF} on A4 portrait with the
 * header and footer templates. Fails loudly: a page that answers an error, a chart that failed or is
 * still drawing at the timeout (named), a crashed browser.
 */
@Component
class ReportRenderer {

    /** What to print. {@code headers} go with every request of the page (the render token). */
    record Job(String url, Map<String, String> headers, String lang, String headerTemplate, String footerTemplate,
               Duration timeout, Consumer<String> progress) {
    }

    /**
     * The PDF, its page count, how many charts the page drew, layout warnings (wider than the paper),
     * and where the time went (browser start, page load, charts and fonts, print; milliseconds).
     */
    record Rendered(byte[] pdf, int pages, int charts, List<String> warnings, String timings) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ReportRenderer.class);
    /** A4 portrait in inches, and the margins that leave room for the header and footer. */
    static final double PAPER_WIDTH = 8.27;
    static final double PAPER_HEIGHT = 11.69;
    static final double MARGIN_TOP = 0.75;
    static final double MARGIN_BOTTOM = 0.7;
    static final double MARGIN_SIDE = 0.47;
    private static final Pattern PAGES = Pattern.compile("/Type\\s*/Pages\\b[^>]*?/Count\\s+(\\d+)|/Count\\s+(\\d+)[^>]*?/Type\\s*/Pages\\b");
    private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page\\b(?!s)");

    /**
     * Runs in the page once it has loaded: waits for every chart container to say it is ready (or
     * failed) and for the fonts, at most {@code timeoutMs}; reports the charts, what is still pending,
     * and elements wider than the page (what the paper would cut or shrink).
     */
    private static final String WAIT_FOR_CHARTS = """
            (async (timeoutMs) => {
              const started = Date.now();
              const charts = () => Array.from(document.querySelectorAll('[data-chart]'))
                .map(el => ({ id: el.id || el.dataset.chart, state: el.dataset.chartReady || '' }));
              let list = charts();
              while (list.some(c => c.state !== 'true' && c.state !== 'error') && Date.now() - started < timeoutMs) {
                await new Promise(resolve => setTimeout(resolve, 100));
                list = charts();
              }
              await Promise.race([document.fonts.ready, new Promise(r => setTimeout(r, Math.max(0, timeoutMs - (Date.now() - started))))]);
              const width = document.documentElement.clientWidth;
              const wide = Array.from(document.querySelectorAll('main table, main .chart, main section, main img'))
                .filter(el => el.getBoundingClientRect().right > width + 1 || el.getBoundingClientRect().left < -1
                  || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
                .map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' (' + Math.round(el.scrollWidth) + ' px > ' + width + ' px)');
              return { charts: list.length,
                       pending: list.filter(c => c.state !== 'true' && c.state !== 'error').map(c => c.id),
                       failed: list.filter(c => c.state === 'error').map(c => c.id),
                       fonts: document.fonts.status, wide: wide.slice(0, 10) };
            })(%d)
            """;

    private final ReportProperties properties;
    private volatile Boolean arabicFont;

    ReportRenderer(ReportProperties properties) {
        this.properties = properties;
    }

    Rendered render(Job job) {
        Path executable = Chromium.locate(properties.chromium());
        checkArabicFont(job.lang());
        job.progress().accept("starting " + executable.getFileName());
        long started = System.nanoTime();
        try (Chromium browser = Chromium.launch(executable, job.lang(), job.timeout())) {
            return print(browser.devTools(), job, started);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("the render was interrupted (the app is stopping)", true, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RenderException("Chromium did not answer: " + e.getMessage(), true, e);
        }
    }

    private Rendered print(DevTools cdp, Job job, long browserStarted)
            throws InterruptedException, ExecutionException, TimeoutException {
        Duration timeout = job.timeout();
        Duration command = Duration.ofSeconds(Math.max(10, timeout.toSeconds()));
        String target = cdp.send(null, "Target.createTarget", Map.of("url", "about:blank"), command)
                .path("targetId").asString();
        String session = cdp.send(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true), command)
                .path("sessionId").asString();
        Page page = new Page(session);
        cdp.onEvent(page::observe);
        for (String domain : List.of("Page", "Runtime", "Network")) {
            cdp.send(session, domain + ".enable", Map.of(), command);
        }
        cdp.send(session, "Network.setExtraHTTPHeaders", Map.of("headers", job.headers()), command);
        cdp.send(session, "Emulation.setEmulatedMedia", Map.of("media", "print"), command);

        job.progress().accept("opening " + job.url().replaceAll("[?].*", ""));
        long started = System.nanoTime();
        long browser = (started - browserStarted) / 1_000_000;
        CompletableFuture<JsonNode> loaded = cdp.next("Page.loadEventFired", p -> true);
        JsonNode navigation = cdp.send(session, "Page.navigate", Map.of("url", job.url()), command);
        if (navigation.hasNonNull("errorText") && !navigation.path("errorText").asString().isEmpty()) {
            throw new RenderException("Chromium could not open " + job.url() + ": " + navigation.path("errorText").asString()
                    + " (is the dashboard reachable from the browser? see tahawul.reports.base-url)", true);
        }
        try {
            DevTools.await(CompletableFuture.anyOf(loaded, page.documentFailed), timeout, "the page's load event");
        } catch (TimeoutException e) {
            throw new RenderException("the report page did not finish loading within " + timeout.toSeconds() + " s"
                    + page.problems(), true);
        }
        if (page.documentFailed.isDone()) {
            throw new RenderException("the report page broke off while loading (" + page.documentFailed.join()
                    + "): the server failed while writing it; see the dashboard log" + page.problems(), true);
        }
        if (page.status >= 400) {
            String message = evaluate(cdp, session, "(document.querySelector('.detail') || document.body).innerText.trim().slice(0, 600)",
                    command).path("value").asString();
            throw new RenderException("the report page answered " + page.status + ": " + message, page.status >= 500);
        }
        if (!evaluate(cdp, session, "document.documentElement.hasAttribute('data-report')", command).path("value").asBoolean()) {
            String where = evaluate(cdp, session, "location.pathname", command).path("value").asString();
            throw new RenderException("the browser was sent to " + where + " instead of the report page: the render "
                    + "token was not accepted (is tahawul.reports.base-url this app?)", true);
        }

        long load = (System.nanoTime() - started) / 1_000_000;
        long left = Math.max(1000, timeout.toMillis() - load);
        job.progress().accept("waiting for the charts and fonts");
        JsonNode state = evaluate(cdp, session, WAIT_FOR_CHARTS.formatted(left), Duration.ofMillis(left + 10_000))
                .path("value");
        List<String> pending = strings(state.path("pending"));
        List<String> failed = strings(state.path("failed"));
        int charts = state.path("charts").asInt();
        if (!pending.isEmpty()) {
            throw new RenderException("timed out after " + timeout.toSeconds() + " s waiting for " + pending.size()
                    + " of " + charts + " charts to finish drawing: " + String.join(", ", pending) + page.problems(), true);
        }
        if (!failed.isEmpty()) {
            throw new RenderException(failed.size() + " of " + charts + " charts could not load their data: "
                    + String.join(", ", failed) + page.problems(), true);
        }
        List<String> warnings = strings(state.path("wide"));
        if (!"loaded".equals(state.path("fonts").asString())) {
            warnings.add("fonts still " + state.path("fonts").asString() + " at print time");
        }
        long drawn = (System.nanoTime() - started) / 1_000_000 - load;
        job.progress().accept(charts + " charts finished; printing");

        Map<String, Object> options = new LinkedHashMap<>();
        options.put("landscape", false);
        options.put("printBackground", true);
        options.put("displayHeaderFooter", true);
        options.put("headerTemplate", job.headerTemplate());
        options.put("footerTemplate", job.footerTemplate());
        options.put("paperWidth", PAPER_WIDTH);
        options.put("paperHeight", PAPER_HEIGHT);
        options.put("marginTop", MARGIN_TOP);
        options.put("marginBottom", MARGIN_BOTTOM);
        options.put("marginLeft", MARGIN_SIDE);
        options.put("marginRight", MARGIN_SIDE);
        options.put("preferCSSPageSize", false);
        options.put("generateTaggedPDF", true);
        options.put("generateDocumentOutline", true);
        options.put("transferMode", "ReturnAsStream");
        JsonNode printed = cdp.send(session, "Page.printToPDF", options, command);
        byte[] pdf = read(cdp, session, printed, command);
        long print = (System.nanoTime() - started) / 1_000_000 - load - drawn;
        return new Rendered(pdf, pages(pdf), charts, warnings, "browser " + browser + " ms, page " + load
                + " ms, charts and fonts " + drawn + " ms, print " + print + " ms");
    }

    /** The PDF from the stream handle of ReturnAsStream (or inline data), in 1 MiB chunks. */
    private static byte[] read(DevTools cdp, String session, JsonNode printed, Duration timeout) {
        if (printed.hasNonNull("data") && !printed.path("data").asString().isEmpty()) {
            return Base64.getDecoder().decode(printed.path("data").asString());
        }
        String handle = printed.path("stream").asString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            while (true) {
                JsonNode chunk = cdp.send(session, "IO.read", Map.of("handle", handle, "size", 1 << 20), timeout);
                String data = chunk.path("data").asString();
                out.write(chunk.path("base64Encoded").asBoolean() ? Base64.getDecoder().decode(data)
                        : data.getBytes(StandardCharsets.ISO_8859_1));
                if (chunk.path("eof").asBoolean()) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new RenderException("cannot read the PDF from Chromium: " + e.getMessage(), true, e);
        } finally {
            try {
                cdp.send(session, "IO.close", Map.of("handle", handle), timeout);
            } catch (RuntimeException e) {
                LOG.debug("IO.close failed: {}", e.getMessage());
            }
        }
        return out.toByteArray();
    }

    private static JsonNode evaluate(DevTools cdp, String session, String expression, Duration timeout) {
        JsonNode result = cdp.send(session, "Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true,
                "returnByValue", true), timeout);
        if (result.has("exceptionDetails")) {
            throw new RenderException("a script in the report page failed: "
                    + result.path("exceptionDetails").path("exception").path("description").asString(
                    result.path("exceptionDetails").path("text").asString()), true);
        }
        return result.path("result");
    }

    /** The page count of a PDF as Chromium (Skia) writes it: the page tree's /Count, else the /Page objects. */
    static int pages(byte[] pdf) {
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher tree = PAGES.matcher(text);
        int count = 0;
        while (tree.find()) {
            count = Math.max(count, Integer.parseInt(tree.group(1) != null ? tree.group(1) : tree.group(2)));
        }
        if (count > 0) {
            return count;
        }
        Matcher page = PAGE.matcher(text);
        while (page.find()) {
            count++;
        }
        return count;
    }

    /** Without an Arabic font, Arabic prints as empty boxes: refuse rather than send that to leadership. */
    private void checkArabicFont(String lang) {
        if (!"ar".equals(lang)) {
            return;
        }
        if (arabicFont == null) {
            arabicFont = arabicFontInstalled();
        }
        if (!arabicFont) {
            throw new RenderException("no Arabic font is installed (fc-list :lang=ar lists none): Arabic would print as "
                    + "empty boxes; install fonts-noto-core (bin/report does it) and try again", false);
        }
    }

    /** Whether fontconfig knows a font covering Arabic; true where fontconfig is absent (not Linux: nothing to ask). */
    static boolean arabicFontInstalled() {
        try {
            Process fc = new ProcessBuilder("fc-list", ":lang=ar", "family").redirectErrorStream(true).start();
            String out = new String(fc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return fc.waitFor() != 0 || !out.isBlank();
        } catch (IOException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    /** What the page did: the document's HTTP status, failed requests, script errors (for the error message). */
    private static final class Page {
        private final String session;
        private final List<String> problems = new CopyOnWriteArrayList<>();
        private final CompletableFuture<String> documentFailed = new CompletableFuture<>();
        private volatile int status;

        Page(String session) {
            this.session = session;
        }

        void observe(JsonNode event) {
            if (!session.equals(event.path("sessionId").asString())) {
                return;
            }
            JsonNode params = event.path("params");
            switch (event.path("method").asString()) {
                case "Network.responseReceived" -> {
                    int code = params.path("response").path("status").asInt();
                    if ("Document".equals(params.path("type").asString())) {
                        status = code;
                    } else if (code >= 400) {
                        problems.add(params.path("response").path("url").asString().replaceFirst("^https?://[^/]+", "")
                                + " answered " + code);
                    }
                }
                case "Network.loadingFailed" -> {
                    if ("Document".equals(params.path("type").asString())) {
                        documentFailed.complete(params.path("errorText").asString());
                    } else if (!params.path("canceled").asBoolean()) {
                        problems.add("a request failed: " + params.path("errorText").asString());
                    }
                }
                case "Runtime.exceptionThrown" -> problems.add("script error: " + params.path("exceptionDetails")
                        .path("exception").path("description").asString(params.path("exceptionDetails").path("text").asString()));
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(params.path("type").asString())) {
                        List<String> parts = new ArrayList<>();
                        params.path("args").forEach(a -> parts.add(a.path("value").asString(a.path("description").asString())));
                        problems.add("console error: " + String.join(" ", parts));
                    }
                }
                default -> {
                    // not needed
                }
            }
        }

        String problems() {
            return problems.isEmpty() ? "" : "; the page reported: " + String.join("; ", problems.subList(0,
                    Math.min(5, problems.size())));
        }
    }
}
