package org.tahawul.datasets.generator;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;

import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.ReferenceDataException;

/**
 * Command line of the synthetic log generator (what {@code bin/generate} runs): parses the named
 * options into a {@link GeneratorConfig}, loads the reference data, runs the {@link Generator},
 * prints progress on stderr and a one-line summary on stdout. Exit code 2 for bad options, 1 for
 * a failed run.
 */
public final class GeneratorJob {

    private GeneratorJob() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream stdout, PrintStream stderr) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                stdout.println(GeneratorConfig.USAGE);
                return 0;
            }
        }
        GeneratorConfig config;
        try {
            config = GeneratorConfig.parse(args);
        } catch (IllegalArgumentException e) {
            stderr.println("error: " + e.getMessage());
            stderr.println(GeneratorConfig.USAGE);
            return 2;
        }
        try {
            ReferenceData reference = ReferenceData.loadFromOrDefault(config.referenceDir());
            stderr.printf(Locale.ROOT, "generate: ~%,d events %s..%s, seed %d, bad rate %s, reference %s, into %s%n",
                    config.events(), config.from(), config.to(), config.seed(), config.badRate(),
                    config.referenceDir() == null ? "shipped" : config.referenceDir(), config.out());
            GeneratorResult result = new Generator(reference, config).run(stderr);
            if (result.badLines() > 0 || result.duplicates() > 0) {
                StringBuilder sb = new StringBuilder("generate: bad lines by reason:");
                for (RejectReason r : RejectReason.values()) {
                    Long n = result.rejectReasons().get(r);
                    if (n != null) {
                        sb.append(' ').append(r.name()).append('=').append(n);
                    }
                }
                sb.append("; duplicates=").append(result.duplicates());
                stderr.println(sb);
            }
            stdout.println(result.summary());
            return 0;
        } catch (ReferenceDataException e) {
            stderr.println("error: reference data: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            stderr.println("error: cannot write into " + config.out() + ": " + e);
            return 1;
        } catch (RuntimeException e) {
            stderr.println("error: generation failed: " + e);
            e.printStackTrace(stderr);
            return 1;
        }
    }
}
