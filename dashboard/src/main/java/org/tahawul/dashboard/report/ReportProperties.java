package org.tahawul.dashboard.report;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The PDF reports ({@code tahawul.reports.*}); see docs/reports.md.
 *
 * @param definitions   the reports (a list in configuration replaces the shipped one as a whole)
 * @param archive       where the PDFs are kept ({@code .data/reports})
 * @param retentionDays PDFs older than this many days are deleted (0: keep for ever)
 * @param attempts      attempts of a run before it is recorded as failed (3)
 * @param backoff       wait after the first failed attempt; doubled after each further one (30 s, 60 s, ...)
 * @param timeout       how long the page may take to load and finish every chart, and the print may take
 * @param chromium      the Chromium or Chrome executable; empty: {@code TAHAWUL_CHROMIUM}, then the usual names on the PATH
 * @param schedule      fire the definitions' crons and resume interrupted runs (off in {@code bin/report})
 * @param baseUrl       how the browser reaches this app; empty: {@code http://127.0.0.1:<server port>}
 */
@ConfigurationProperties("tahawul.reports")
public record ReportProperties(List<ReportDefinition> definitions, Path archive, int retentionDays, int attempts,
                               Duration backoff, Duration timeout, String chromium, Boolean schedule, String baseUrl) {

    public ReportProperties {
        definitions = definitions == null ? List.of() : List.copyOf(definitions);
        archive = archive == null ? Path.of(".data/reports") : archive;
        attempts = attempts <= 0 ? 3 : attempts;
        backoff = backoff == null ? Duration.ofSeconds(30) : backoff;
        timeout = timeout == null || timeout.isZero() ? Duration.ofSeconds(60) : timeout;
        chromium = chromium == null ? "" : chromium.strip();
        baseUrl = baseUrl == null ? "" : baseUrl.strip();
        schedule = schedule == null || schedule;
    }

    /** The wait before attempt {@code next} (2, 3, ...): backoff, 2 × backoff, 4 × backoff, ... */
    public Duration backoffBefore(int next) {
        return backoff.multipliedBy(1L << Math.max(0, Math.min(next - 2, 20)));
    }
}
