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
        Path relative = relative(run);
        write(root().resolve(relative), pdf, description());
        return relative.toString().replace('\\', '/');
    }

    /**
     * Before the browser starts: creates the folder of the run's PDF and checks that it takes files.
     * A render whose PDF could not be kept is wasted, and trying again does not help, so the run fails
     * at once with the folder and what is in the way.
     */
    void checkWritable(ReportRun run) {
        checkFolder(root().resolve(relative(run)).getParent(), description());
    }

    private Path relative(ReportRun run) {
        String name = run.definition() + "_" + run.period() + "_" + run.lang() + "_" + run.runId().substring(0, 8) + ".pdf";
        return Path.of(run.definition(), run.period(), name);
    }

    /** The archive as the error messages name it. */
    private String description() {
        return "the report archive " + root() + " (tahawul.reports.archive, TAHAWUL_REPORTS_DIR)";
    }

    /** Creates {@code folder} when needed and checks that it takes files; {@code what} names it in the error. */
    static void checkFolder(Path folder, String what) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw unwritable(what, folder, e);
        }
        if (!Files.isWritable(folder)) {
            throw unwritable(what, folder, null);
        }
    }

    /** Writes a PDF atomically (temporary file, then a move), creating the folders; {@code what} names the folder. */
    static void write(Path file, byte[] pdf, String what) {
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".report-", ".part");
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
            throw unwritable(what, folder, e);
        }
    }

    /**
     * "cannot write the PDF into WHAT: REASON", the reason being the first existing part of the folder's
     * path when it is in the way (a file where a folder should be, a folder this user may not write),
     * else the system's error. Not retried.
     */
    private static RenderException unwritable(String what, Path folder, IOException e) {
        Path existing = folder.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        String reason;
        if (existing != null && !Files.isDirectory(existing)) {
            reason = existing + " is a file, not a folder";
        } else if (existing != null && !Files.isWritable(existing)) {
            reason = existing + " is not writable by user " + System.getProperty("user.name");
        } else {
            reason = e == null ? folder + " is not writable" : e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        return new RenderException("cannot write the PDF into " + what + ": " + reason, false, e);
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
