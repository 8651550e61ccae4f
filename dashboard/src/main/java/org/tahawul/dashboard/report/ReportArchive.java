package org.tahawul.dashboard.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The PDF archive: {@code <archive>/<definition>/<period>/<definition>_<period>_<lang>_<run>.pdf},
 * written to a temporary file and moved into place (a reader never sees half a PDF). The run row
 * keeps the path relative to the archive, so the folder can move. Once a day (03:30) PDFs older than
 * {@code retention-days} are deleted and their rows say so.
 */
@Component
class ReportArchive {

    private static final Logger LOG = LoggerFactory.getLogger(ReportArchive.class);

    private final ReportProperties properties;
    private final ReportRunRepository runs;

    ReportArchive(ReportProperties properties, ReportRunRepository runs) {
        this.properties = properties;
        this.runs = runs;
    }

    Path root() {
        return properties.archive().toAbsolutePath().normalize();
    }

    /** Stores a run's PDF; returns its path relative to the archive. */
    String store(ReportRun run, byte[] pdf) {
        String name = run.definition() + "_" + run.period() + "_" + run.lang() + "_" + run.runId().substring(0, 8) + ".pdf";
        Path relative = Path.of(run.definition(), run.period(), name);
        write(root().resolve(relative), pdf);
        return relative.toString().replace('\\', '/');
    }

    /** Writes a PDF atomically (temporary file, then a move), creating the folders. */
    static void write(Path file, byte[] pdf) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".report-", ".part");
            try {
                Files.write(temp, pdf);
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new RenderException("cannot write the PDF to " + file + ": " + e.getMessage()
                    + " (check tahawul.reports.archive and its permissions)", false, e);
        }
    }

    /** The file of a run, when it is in the archive and still there. */
    Optional<Path> file(ReportRun run) {
        if (run.file() == null || run.file().isEmpty() || Path.of(run.file()).isAbsolute()) {
            return Optional.empty();
        }
        Path path = root().resolve(run.file()).normalize();
        return path.startsWith(root()) && Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    /** Deletes the PDFs older than the retention; their rows keep the run without the file. */
    @Scheduled(cron = "0 30 3 * * *")
    void purge() {
        if (properties.retentionDays() <= 0 || !properties.schedule()) {
            return;
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(properties.retentionDays()));
        try {
            int removed = 0;
            for (ReportRun run : runs.archivedBefore(cutoff)) {
                Optional<Path> file = file(run);
                if (file.isPresent()) {
                    Files.deleteIfExists(file.get());
                }
                runs.save(run.withoutFile("PDF deleted after " + properties.retentionDays()
                        + " days (tahawul.reports.retention-days)"));
                removed++;
            }
            if (removed > 0) {
                LOG.info("report archive: deleted {} PDF(s) older than {} days", removed, properties.retentionDays());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("report archive clean-up failed (tried again tomorrow): {}", e.getMessage());
        }
    }
}
