package org.tahawul.dashboard.report;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.tahawul.dashboard.DashboardApplication;
import org.tahawul.dashboard.system.BadRequestException;
import org.tahawul.dashboard.system.PeriodSelection;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bin/report --definition ID --period P [--lang ar|en] --out FILE}: renders one report without
 * the web UI running. Starts the dashboard in this process on a random loopback port (no scheduler,
 * no demo data, no users: only the one-off render token can read its pages), prints the report,
 * writes FILE, records the run ({@code trigger = cli}) and exits: 0 when the PDF is written, 1 when
 * the report could not be rendered, 2 for wrong arguments. Further {@code --name=value} arguments go
 * to Spring (e.g. {@code --tahawul.reports.timeout=120s}).
 */
public final class ReportCli {

    /** The command's options. */
    record Options(String definition, PeriodSelection period, String lang, Path out, List<String> springArgs) {
    }

    private static final PrintStream OUT = System.err;

    private ReportCli() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException | BadRequestException e) {
            OUT.println("error: " + e.getMessage() + " (see bin/report --help)");
            System.exit(2);
            return;
        }
        System.exit(run(options));
    }

    static Options parse(String[] args) {
        String definition = null;
        String period = null;
        String lang = null;
        String out = null;
        List<String> spring = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            boolean inline = arg.contains("=");
            switch (name) {
                case "--definition", "--period", "--lang", "--out" -> {
                    String value;
                    if (inline) {
                        value = arg.substring(arg.indexOf('=') + 1);
                    } else if (i + 1 < args.length) {
                        value = args[++i];
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    switch (name) {
                        case "--definition" -> definition = value;
                        case "--period" -> period = value;
                        case "--lang" -> lang = value;
                        default -> out = value;
                    }
                }
                default -> {
                    if (arg.startsWith("--") && inline) {
                        spring.add(arg);
                    } else {
                        throw new IllegalArgumentException("unknown argument " + arg);
                    }
                }
            }
        }
        if (definition == null || definition.isBlank()) {
            throw new IllegalArgumentException("--definition is required (a report id of tahawul.reports.definitions, e.g. executive)");
        }
        if (period == null) {
            throw new IllegalArgumentException("--period is required: a month (2024-05), a quarter (2024-Q2) or a year (2024)");
        }
        if (out == null || out.isBlank()) {
            throw new IllegalArgumentException("--out FILE is required (where to write the PDF)");
        }
        if (lang != null && !ReportDefinitions.LANGS.contains(lang.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("--lang must be ar or en, got '" + lang + "'");
        }
        Path file = Path.of(out).toAbsolutePath();
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("--out " + out + " is a folder; name the PDF file");
        }
        return new Options(definition, ReportPeriods.parse(period), lang == null ? null : lang.toLowerCase(Locale.ROOT),
                file, spring);
    }

    static int run(Options options) {
        long started = System.nanoTime();
        say("starting the dashboard in this process (loopback, random port)");
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--tahawul.reports.schedule=false", "--tahawul.security.demo-users=false",
                "--tahawul.demo.seed-when-empty=false", "--spring.main.banner-mode=off",
                "--logging.level.root=warn", "--logging.level.org.tahawul.dashboard.report=warn",
                "--logging.level.org.tahawul.dashboard.security.UserAccounts=error"));
        args.addAll(options.springArgs());
        SpringApplication app = new SpringApplication(DashboardApplication.class);
        ConfigurableApplicationContext context;
        try {
            context = app.run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            say("error: the dashboard could not start: " + rootMessage(e));
            return 1;
        }
        try {
            ReportDefinitions definitions = context.getBean(ReportDefinitions.class);
            ReportDefinition definition = definitions.find(options.definition()).orElse(null);
            if (definition == null) {
                say("error: unknown report definition '" + options.definition() + "'; defined: "
                        + String.join(", ", definitions.all().stream().map(ReportDefinition::id).toList()));
                return 2;
            }
            String lang = options.lang() == null ? definition.lang() : options.lang();
            say("rendering " + definition.id() + " (" + definition.template() + ", " + definition.scope() + ") for "
                    + options.period().label() + " in " + lang + " -> " + options.out());
            ReportRun run = context.getBean(ReportRuns.class).runNow(definition, options.period(), lang, options.out(),
                    System.getProperty("user.name", "cli"), step -> say("  " + step));
            double seconds = (System.nanoTime() - started) / 1e9;
            if (run.state().equals(ReportRun.SUCCEEDED)) {
                say(String.format(Locale.ROOT, "wrote %s: %d pages, %d bytes, %.1f s (run %s)", options.out(), run.pages(),
                        run.bytes(), seconds, run.runId()));
                return 0;
            }
            say("error: report " + definition.id() + " " + options.period().label() + " failed after " + run.attempts()
                    + " attempt(s): " + run.error());
            return 1;
        } catch (RuntimeException e) {
            say("error: " + rootMessage(e));
            return 1;
        } finally {
            context.close();
        }
    }

    private static void say(String line) {
        OUT.println("[" + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + line);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
