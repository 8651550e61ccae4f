package org.tahawul.dashboard.report;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A client of the Chrome DevTools Protocol over the browser's WebSocket ({@code java.net.http}):
 * commands with ids and their answers, events to listeners, flat sessions ({@code sessionId}) for
 * the page target. Just what printing a page needs; no Selenium, no chromedriver.
 */
final class DevTools implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> answers = new ConcurrentHashMap<>();
    private final List<Consumer<JsonNode>> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private WebSocket socket;

    private DevTools() {
    }

    /** Connects to the browser's DevTools WebSocket ({@code ws://127.0.0.1:PORT/devtools/browser/ID}). */
    static DevTools connect(URI endpoint, Duration timeout) {
        DevTools devTools = new DevTools();
        try {
            devTools.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(endpoint, devTools.new Listener()).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while connecting to Chromium", true, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new RenderException("cannot connect to Chromium's DevTools at " + endpoint + ": " + e, true, e);
        }
        return devTools;
    }

    /** Sends a command (to the browser, or to a page session) and waits for its answer's {@code result}. */
    JsonNode send(String sessionId, String method, Map<String, ?> params, Duration timeout) {
        int id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        message.set("params", JSON.valueToTree(params));
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        answers.put(id, answer);
        try {
            synchronized (this) {
                socket.sendText(JSON.writeValueAsString(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode reply = await(answer, timeout, method);
            if (reply.has("error")) {
                throw new RenderException("Chromium refused " + method + ": " + reply.get("error").path("message").asString(),
                        true);
            }
            return reply.path("result");
        } catch (ExecutionException | TimeoutException e) {
            throw new RenderException("cannot send " + method + " to Chromium: " + e, true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RenderException("interrupted while waiting for " + method, true, e);
        } finally {
            answers.remove(id);
        }
    }

    /** Every event ({@code method}, {@code params}, {@code sessionId}) from now on. */
    void onEvent(Consumer<JsonNode> listener) {
        listeners.add(listener);
    }

    /** The next event named {@code method} that {@code test} accepts (register before causing it). */
    CompletableFuture<JsonNode> next(String method, Predicate<JsonNode> test) {
        CompletableFuture<JsonNode> event = new CompletableFuture<>();
        Consumer<JsonNode> listener = new Consumer<>() {
            @Override
            public void accept(JsonNode e) {
                if (method.equals(e.path("method").asString()) && test.test(e.path("params"))) {
                    listeners.remove(this);
                    event.complete(e.path("params"));
                }
            }
        };
        listeners.add(listener);
        closed.whenComplete((v, error) -> event.completeExceptionally(
                new RenderException("Chromium closed the DevTools connection (did the browser crash?)", true)));
        return event;
    }

    /** Waits for a future of this connection; a timeout names {@code what}. */
    static <T> T await(CompletableFuture<T> future, Duration timeout, String what)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RenderException r) {
                throw r;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new TimeoutException("no answer to " + what + " within " + timeout.toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                socket.abort();
            }
        }
        closed.complete(null);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                dispatch(JSON.readTree(text));
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            fail();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail();
        }

        private void fail() {
            closed.complete(null);
            RenderException gone = new RenderException("Chromium closed the DevTools connection (did the browser crash?)", true);
            answers.values().forEach(a -> a.completeExceptionally(gone));
        }
    }

    private void dispatch(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = answers.get(message.get("id").asInt());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        for (Consumer<JsonNode> listener : listeners) {
            listener.accept(message);
        }
    }
}
