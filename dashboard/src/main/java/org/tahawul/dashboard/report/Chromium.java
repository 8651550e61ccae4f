package org.tahawul.dashboard.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One headless Chromium process for one report: a fresh profile folder, DevTools on a loopback port
 * the browser picks itself ({@code --remote-debugging-port=0}, read back from
 * {@code DevToolsActivePort}), and on close the browser, its child processes and the folder are gone.
 * A JVM shutdown hook ends browsers still open when the app stops.
 */
final class Chromium implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Chromium.class);
    /** Executables tried, in order, when neither the configuration nor TAHAWUL_CHROMIUM names one. */
    static final List<String> CANDIDATES = List.of("chromium", "chromium-browser", "google-chrome-stable", "google-chrome");
    private static final Set<Chromium> OPEN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Chromium::kill), "chromium-cleanup"));
    }

    private final Process process;
    private final Path profile;
    private final DevTools devTools;

    private Chromium(Process process, Path profile, DevTools devTools) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
    }

    /**
     * The browser executable: {@code configured} when set, else the environment variable
     * {@code TAHAWUL_CHROMIUM}, else the first of {@link #CANDIDATES} on the PATH.
     */
    static Path locate(String configured) {
        String named = configured == null || configured.isBlank() ? System.getenv("TAHAWUL_CHROMIUM") : configured;
        if (named != null && !named.isBlank()) {
            Path path = named.contains(File.separator) ? Path.of(named) : onPath(named);
            if (path == null || !Files.isExecutable(path)) {
                throw new RenderException("Chromium not found: '" + named + "' (tahawul.reports.chromium or "
                        + "TAHAWUL_CHROMIUM) is not an executable file; install Debian's chromium (bin/report does it) "
                        + "or point the setting at Chrome or Chromium", false);
            }
            return path;
        }
        for (String candidate : CANDIDATES) {
            Path path = onPath(candidate);
            if (path != null) {
                return path;
            }
        }
        throw new RenderException("Chromium not found: none of " + CANDIDATES + " is on the PATH; install it "
                + "(Debian: apt-get install chromium fonts-noto-core, which bin/report does) or set TAHAWUL_CHROMIUM", false);
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/bin:/bin" : path).split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /** Starts the browser and connects to it; {@code timeout} bounds the start. */
    static Chromium launch(Path executable, String lang, Duration timeout) {
        Path profile;
        try {
            profile = Files.createTempDirectory("tahawul-report-chromium");
        } catch (IOException e) {
            throw new RenderException("cannot create a temporary folder for Chromium: " + e.getMessage(), true, e);
        }
        List<String> command = new ArrayList<>(List.of(executable.toString(),
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0",
                "--window-size=1000,1400", "--lang=" + lang, "about:blank"));
        Path log = profile.resolve("chromium.log");
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            deleteQuietly(profile);
            throw new RenderException("cannot start Chromium (" + executable + "): " + e.getMessage(), false, e);
        }
        Chromium started = null;
        try {
            URI endpoint = endpoint(process, profile, log, timeout);
            started = new Chromium(process, profile, DevTools.connect(endpoint, timeout));
            OPEN.add(started);
            return started;
        } finally {
            if (started == null) {
                kill(process);
                deleteQuietly(profile);
            }
        }
    }

    /** Waits for DevToolsActivePort (port, then the browser's path) or for the browser to die. */
    private static URI endpoint(Process process, Path profile, Path log, Duration timeout) {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(portFile)) {
                try {
                    List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                    if (lines.size() >= 2 && !lines.get(1).isBlank()) {
                        return URI.create("ws://127.0.0.1:" + lines.get(0).strip() + lines.get(1).strip());
                    }
                } catch (IOException e) {
                    // written right now; read again
                }
            }
            if (!process.isAlive()) {
                throw new RenderException("Chromium exited with code " + process.exitValue() + " at start: "
                        + tail(log), true);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RenderException("interrupted while starting Chromium", true, e);
            }
        }
        throw new RenderException("Chromium did not open its DevTools port within " + timeout.toSeconds() + " s: "
                + tail(log), true);
    }

    DevTools devTools() {
        return devTools;
    }

    @Override
    public void close() {
        OPEN.remove(this);
        try {
            devTools.send(null, "Browser.close", java.util.Map.of(), Duration.ofSeconds(2));
        } catch (RuntimeException e) {
            // already gone, or not answering: killed below
        }
        devTools.close();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                kill(process);
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
        }
        deleteQuietly(profile);
    }

    private void kill() {
        kill(process);
        deleteQuietly(profile);
    }

    /** Ends the browser and every process it started (renderers, GPU and zygote helpers). */
    private static void kill(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank() && !l.contains("unexpected operator")).toList();
            String text = String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
            return text.isEmpty() ? "(no output)" : text;
        } catch (IOException | UncheckedIOException e) {
            return "(no output)";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
