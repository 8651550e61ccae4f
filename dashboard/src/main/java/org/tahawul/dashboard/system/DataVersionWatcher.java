package org.tahawul.dashboard.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.CacheManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.Objects;

/**
 * Drops the KPI query cache when the warehouse has newer data: every
 * {@code tahawul.cache.check-interval} (30 s) it reads {@code count()} and {@code max(updated_at)} of the
 * {@code job_runs} rows of runs that ended (one tiny query) and clears every cache and the catalogue when
 * the value changed. The 'running' rows are left out: a job rewrites them every 20 s as its heartbeat,
 * and they say nothing about the data, which changes when a run ends.
 */
@Component
public class DataVersionWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(DataVersionWatcher.class);

    private final JdbcTemplate jdbc;
    private final CacheManager caches;
    private final Catalogue catalogue;
    private volatile String version;
    private volatile boolean reachable = true;

    DataVersionWatcher(JdbcTemplate jdbc, CacheManager caches, Catalogue catalogue) {
        this.jdbc = jdbc;
        this.caches = caches;
        this.catalogue = catalogue;
    }

    @Scheduled(fixedDelayString = "${tahawul.cache.check-interval:30s}", initialDelayString = "${tahawul.cache.check-interval:30s}")
    public void check() {
        String now;
        try {
            now = jdbc.queryForObject("SELECT toString(count()) || '/' || toString(max(updated_at)) FROM job_runs WHERE status != 'running'", String.class);
        } catch (RuntimeException e) {
            if (reachable) {
                LOG.warn("cannot read job_runs to check for new data: {}", ErrorHandling.rootMessage(e));
            }
            reachable = false;
            return;
        }
        if (!reachable) {
            LOG.info("warehouse reachable again; dropping cached queries");
            reachable = true;
            clear();
        }
        if (version != null && !Objects.equals(version, now)) {
            LOG.info("new job run in the warehouse ({} -> {}); dropping cached queries", version, now);
            clear();
        }
        version = now;
    }

    /** Clears every cache and the catalogue (also used after the demo seeder and bootstrap). */
    public void clear() {
        caches.getCacheNames().forEach(name -> Objects.requireNonNull(caches.getCache(name)).clear());
        catalogue.refresh();
    }
}
