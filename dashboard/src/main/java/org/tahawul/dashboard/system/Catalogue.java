package org.tahawul.dashboard.system;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reference catalogue as the warehouse holds it ({@code ref_*} tables): agencies, services,
 * channels and maturity stages with their Arabic and English names. Read once, kept in memory,
 * and read again when {@link DataVersionWatcher} sees a newer job run (or after a failed read).
 */
@Component
public class Catalogue {

    /** An agency of {@code ref_agencies}. */
    public record Agency(String agencyCode, String nameAr, String nameEn, String sector) {
        public String name(Locale locale) {
            return Names.pick(locale, nameAr, nameEn);
        }
    }

    /** A service of {@code ref_services}. */
    public record Service(String serviceCode, String agencyCode, String nameAr, String nameEn, String category,
                          long slaMinutes) {
        public String name(Locale locale) {
            return Names.pick(locale, nameAr, nameEn);
        }
    }

    /** A channel of {@code ref_channels}. */
    public record Channel(String channel, String nameAr, String nameEn, boolean isDigital) {
        public String name(Locale locale) {
            return Names.pick(locale, nameAr, nameEn);
        }
    }

    /** A maturity stage of {@code ref_maturity_stages}. */
    public record Stage(int stage, String nameAr, String nameEn, double minCoverage, double minAdoption,
                        double minSatisfaction) {
        public String name(Locale locale) {
            return Names.pick(locale, nameAr, nameEn);
        }
    }

    private record Snapshot(Map<String, Agency> agencies, Map<String, Service> services,
                            Map<String, Channel> channels, List<Stage> stages) {
    }

    private final JdbcTemplate jdbc;
    private volatile Snapshot snapshot;

    Catalogue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<Agency> agencies() {
        return List.copyOf(current().agencies().values());
    }

    public List<Service> services() {
        return List.copyOf(current().services().values());
    }

    public List<Service> servicesOf(String agencyCode) {
        return current().services().values().stream().filter(s -> s.agencyCode().equals(agencyCode)).toList();
    }

    public List<Channel> channels() {
        return List.copyOf(current().channels().values());
    }

    public List<Stage> stages() {
        return current().stages();
    }

    public Optional<Agency> agency(String code) {
        return Optional.ofNullable(code == null ? null : current().agencies().get(code));
    }

    public Optional<Service> service(String code) {
        return Optional.ofNullable(code == null ? null : current().services().get(code));
    }

    public Optional<Channel> channel(String code) {
        return Optional.ofNullable(code == null ? null : current().channels().get(code));
    }

    public Optional<Stage> stage(int stage) {
        return current().stages().stream().filter(s -> s.stage() == stage).findFirst();
    }

    /** The agency or a 404 naming the code. */
    public Agency requireAgency(String code) {
        return agency(code).orElseThrow(() -> new NotFoundException("unknown agency code '" + code
                + "': it is not in ref_agencies (see /api/agencies for the codes)"));
    }

    /** The service or a 404 naming the code. */
    public Service requireService(String code) {
        return service(code).orElseThrow(() -> new NotFoundException("unknown service code '" + code
                + "': it is not in ref_services (see /api/services for the codes)"));
    }

    /** The stage or a 404. */
    public Stage requireStage(String code) {
        try {
            return stage(Integer.parseInt(code)).orElseThrow(() -> new NotFoundException("unknown stage '" + code
                    + "': the maturity model has stages 1.." + stages().size()));
        } catch (NumberFormatException e) {
            throw new BadRequestException("a stage code is a stage number (1.." + stages().size() + "), got '" + code + "'");
        }
    }

    public boolean isEmpty() {
        return current().agencies().isEmpty();
    }

    /** Forget the cached copy; the next call reads the tables again. */
    public void refresh() {
        snapshot = null;
    }

    private Snapshot current() {
        Snapshot s = snapshot;
        if (s == null) {
            s = load();
            if (!s.agencies().isEmpty()) {
                snapshot = s; // an empty catalogue (bootstrap not finished) is read again next time
            }
        }
        return s;
    }

    private Snapshot load() {
        Map<String, Agency> agencies = new LinkedHashMap<>();
        jdbc.query("SELECT agency_code, name_ar, name_en, sector FROM ref_agencies ORDER BY agency_code",
                rs -> {
                    agencies.put(rs.getString(1), new Agency(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4)));
                });
        Map<String, Service> services = new LinkedHashMap<>();
        jdbc.query("SELECT service_code, agency_code, name_ar, name_en, category, sla_minutes FROM ref_services "
                + "ORDER BY agency_code, service_code", rs -> {
                    services.put(rs.getString(1), new Service(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getLong(6)));
                });
        Map<String, Channel> channels = new LinkedHashMap<>();
        jdbc.query("SELECT channel, name_ar, name_en, is_digital FROM ref_channels "
                + "ORDER BY is_digital DESC, channel", rs -> {
                    channels.put(rs.getString(1), new Channel(rs.getString(1), rs.getString(2), rs.getString(3),
                            rs.getBoolean(4)));
                });
        List<Stage> stages = jdbc.query("SELECT stage, name_ar, name_en, min_coverage, min_adoption, min_satisfaction "
                + "FROM ref_maturity_stages ORDER BY stage", (rs, i) -> new Stage(rs.getInt(1), rs.getString(2),
                rs.getString(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
        stages = stages.stream().sorted(Comparator.comparingInt(Stage::stage)).toList();
        return new Snapshot(agencies, services, channels, stages);
    }
}
