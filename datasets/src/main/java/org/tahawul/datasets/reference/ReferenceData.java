package org.tahawul.datasets.reference;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The reference data of DESIGN §4, read and checked once: agencies, services, channels, regions,
 * maturity stages, Vision 2030 targets and external indicators, with the look-ups the jobs need.
 * Immutable and serializable (a Spark job may broadcast it).
 *
 * <p>{@link #load(Path)} reads a folder (the {@code --reference-dir} of the jobs),
 * {@link #loadDefault()} the copy shipped inside the datasets jar under {@code tahawul/reference/}.
 * A file that breaks the contract fails with a {@link ReferenceDataException} naming the file,
 * the line and the reason.
 */
public final class ReferenceData implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final String AGENCIES = "agencies.csv";
    public static final String SERVICES = "services.csv";
    public static final String CHANNELS = "channels.csv";
    public static final String REGIONS = "regions.csv";
    /** The default four-stage maturity model (Presence, Interaction, Transaction, Integration). */
    public static final String MATURITY_STAGES = "maturity_stages.csv";
    /** The five-stage alternative named after DGA's Qiyas stages. */
    public static final String MATURITY_STAGES_QIYAS = "maturity_stages_qiyas.csv";
    public static final String TARGETS = "targets.csv";
    public static final String EXTERNAL_INDICATORS = "external_indicators.csv";

    /** The files a reference folder holds (the stages file may be replaced by another one). */
    public static final List<String> FILES = List.of(AGENCIES, SERVICES, CHANNELS, REGIONS, MATURITY_STAGES,
            TARGETS, EXTERNAL_INDICATORS);

    /** The channels the raw log contract (DESIGN §3) allows. */
    public static final List<String> CONTRACT_CHANNELS = List.of("web", "mobile", "api", "kiosk", "counter", "call_center");

    /** The scope types of targets and KPI rows. */
    public static final List<String> SCOPE_TYPES = List.of("national", "stage", "agency", "service");

    /** The scope code of the national scope. */
    public static final String NATIONAL_SCOPE_CODE = "ALL";

    private final List<Agency> agencies;
    private final List<Service> services;
    private final List<Channel> channels;
    private final List<Region> regions;
    private final List<MaturityStage> stages;
    private final String stagesFile;
    private final List<Target> targets;
    private final List<ExternalIndicator> externalIndicators;

    private final Map<String, Agency> agencyByCode;
    private final Map<String, Service> serviceByCode;
    private final Map<String, Channel> channelByCode;
    private final Map<String, Region> regionByCode;
    private final Map<String, List<Service>> servicesByAgency;

    private ReferenceData(List<Agency> agencies, List<Service> services, List<Channel> channels, List<Region> regions,
                          List<MaturityStage> stages, String stagesFile, List<Target> targets,
                          List<ExternalIndicator> externalIndicators) {
        this.agencies = List.copyOf(agencies);
        this.services = List.copyOf(services);
        this.channels = List.copyOf(channels);
        this.regions = List.copyOf(regions);
        this.stages = List.copyOf(stages);
        this.stagesFile = stagesFile;
        this.targets = List.copyOf(targets);
        this.externalIndicators = List.copyOf(externalIndicators);
        this.agencyByCode = index(agencies, Agency::code);
        this.serviceByCode = index(services, Service::code);
        this.channelByCode = index(channels, Channel::code);
        this.regionByCode = index(regions, Region::code);
        Map<String, List<Service>> byAgency = new LinkedHashMap<>();
        for (Agency a : agencies) {
            byAgency.put(a.code(), new ArrayList<>());
        }
        for (Service s : services) {
            byAgency.get(s.agencyCode()).add(s);
        }
        Map<String, List<Service>> frozen = new LinkedHashMap<>();
        byAgency.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.servicesByAgency = Collections.unmodifiableMap(frozen);
    }

    private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
        Map<String, T> map = new LinkedHashMap<>();
        for (T item : items) {
            map.put(key.apply(item), item);
        }
        return Collections.unmodifiableMap(map);
    }

    // ---------------------------------------------------------------- loading

    /** Reads the reference files of {@code dir} with the default stages file {@code maturity_stages.csv}. */
    public static ReferenceData load(Path dir) {
        return load(dir, MATURITY_STAGES);
    }

    /** Reads the reference files of {@code dir}, taking the maturity stages from {@code stagesFile} (a name inside {@code dir}). */
    public static ReferenceData load(Path dir, String stagesFile) {
        return load(ReferenceSource.folder(dir), stagesFile);
    }

    /** Reads the copy shipped in the datasets jar ({@code tahawul/reference/} on the classpath). */
    public static ReferenceData loadDefault() {
        return loadDefault(MATURITY_STAGES);
    }

    /** Reads the shipped copy with another shipped stages file, e.g. {@link #MATURITY_STAGES_QIYAS}. */
    public static ReferenceData loadDefault(String stagesFile) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = ReferenceData.class.getClassLoader();
        }
        return load(ReferenceSource.classpath(loader), stagesFile);
    }

    /** {@link #load(Path)} when {@code dir} is given, else {@link #loadDefault()}: what a job's {@code --reference-dir} means. */
    public static ReferenceData loadFromOrDefault(Path dir) {
        return dir == null ? loadDefault() : load(dir);
    }

    static ReferenceData load(ReferenceSource source, String stagesFile) {
        List<Agency> agencies = readAgencies(source);
        Map<String, Agency> agencyByCode = new HashMap<>();
        agencies.forEach(a -> agencyByCode.put(a.code(), a));
        List<Service> services = readServices(source, agencyByCode);
        List<Channel> channels = readChannels(source);
        List<Region> regions = readRegions(source);
        List<MaturityStage> stages = readStages(source, stagesFile);
        Set<String> serviceCodes = new HashSet<>();
        services.forEach(s -> serviceCodes.add(s.code()));
        List<Target> targets = readTargets(source, agencyByCode.keySet(), serviceCodes);
        List<ExternalIndicator> indicators = readExternalIndicators(source);
        return new ReferenceData(agencies, services, channels, regions, stages, stagesFile, targets, indicators);
    }

    private static List<Agency> readAgencies(ReferenceSource source) {
        CsvTable t = CsvTable.read(source, AGENCIES, List.of("agency_code", "name_ar", "name_en", "sector"));
        List<Agency> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String code = r.code("agency_code");
            unique(r, seen, "agency_code", code);
            out.add(new Agency(code, r.arabic("name_ar"), r.required("name_en"), r.required("sector")));
        }
        nonEmpty(t, out, "agency");
        return out;
    }

    private static List<Service> readServices(ReferenceSource source, Map<String, Agency> agencies) {
        CsvTable t = CsvTable.read(source, SERVICES,
                List.of("service_code", "agency_code", "name_ar", "name_en", "category", "sla_minutes"));
        List<Service> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String code = r.code("service_code");
            unique(r, seen, "service_code", code);
            String agency = r.code("agency_code");
            if (!agencies.containsKey(agency)) {
                throw r.error("unknown agency_code '" + agency + "' of service '" + code + "': it is not in " + AGENCIES);
            }
            int sla = r.integer("sla_minutes");
            if (sla <= 0) {
                throw r.error("sla_minutes " + sla + " of service '" + code + "' must be a positive number of minutes");
            }
            out.add(new Service(code, agency, r.arabic("name_ar"), r.required("name_en"), r.required("category"), sla));
        }
        nonEmpty(t, out, "service");
        return out;
    }

    private static List<Channel> readChannels(ReferenceSource source) {
        CsvTable t = CsvTable.read(source, CHANNELS, List.of("channel", "name_ar", "name_en", "is_digital"));
        List<Channel> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String code = r.code("channel");
            unique(r, seen, "channel", code);
            if (!CONTRACT_CHANNELS.contains(code)) {
                throw r.error("channel '" + code + "' is not a channel of the log contract (" + String.join(", ", CONTRACT_CHANNELS) + ")");
            }
            out.add(new Channel(code, r.arabic("name_ar"), r.required("name_en"), r.bool("is_digital")));
        }
        nonEmpty(t, out, "channel");
        return out;
    }

    private static List<Region> readRegions(ReferenceSource source) {
        CsvTable t = CsvTable.read(source, REGIONS, List.of("region_code", "name_ar", "name_en"));
        List<Region> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String code = r.code("region_code");
            unique(r, seen, "region_code", code);
            out.add(new Region(code, r.arabic("name_ar"), r.required("name_en")));
        }
        nonEmpty(t, out, "region");
        return out;
    }

    private static List<MaturityStage> readStages(ReferenceSource source, String stagesFile) {
        CsvTable t = CsvTable.read(source, stagesFile,
                List.of("stage", "name_ar", "name_en", "min_coverage", "min_adoption", "min_satisfaction"));
        List<MaturityStage> out = new ArrayList<>();
        Map<Integer, Long> lineOf = new HashMap<>();
        for (CsvTable.Row r : t.rows()) {
            int stage = r.integer("stage");
            if (stage < 1) {
                throw r.error("stage " + stage + " must be 1 or more");
            }
            Long first = lineOf.putIfAbsent(stage, r.line());
            if (first != null) {
                throw r.error("duplicate stage " + stage + " (first on line " + first + ")");
            }
            out.add(new MaturityStage(stage, r.arabic("name_ar"), r.required("name_en"),
                    share(r, "min_coverage"), share(r, "min_adoption"), share(r, "min_satisfaction")));
        }
        nonEmpty(t, out, "stage");
        out.sort(Comparator.comparingInt(MaturityStage::stage));
        for (int i = 0; i < out.size(); i++) {
            MaturityStage s = out.get(i);
            long line = lineOf.get(s.stage());
            if (s.stage() != i + 1) {
                throw t.error(line, "stages must be numbered 1.." + out.size() + " without gaps; stage " + (i + 1)
                        + " is missing before stage " + s.stage());
            }
            if (i == 0 && (s.minCoverage() != 0 || s.minAdoption() != 0 || s.minSatisfaction() != 0)) {
                throw t.error(line, "stage 1 must have zero thresholds (every agency is at least at stage 1)");
            }
            if (i > 0) {
                MaturityStage p = out.get(i - 1);
                if (s.minCoverage() < p.minCoverage() || s.minAdoption() < p.minAdoption()
                        || s.minSatisfaction() < p.minSatisfaction()) {
                    throw t.error(line, "thresholds not monotonic: stage " + s.stage() + " (" + thresholds(s)
                            + ") is below stage " + p.stage() + " (" + thresholds(p) + ") in at least one threshold");
                }
            }
        }
        return out;
    }

    private static String thresholds(MaturityStage s) {
        return s.minCoverage() + "/" + s.minAdoption() + "/" + s.minSatisfaction();
    }

    private static double share(CsvTable.Row r, String column) {
        double v = r.decimal(column);
        if (v < 0 || v > 1) {
            throw r.error(column + " " + v + " must be a share between 0 and 1");
        }
        return v;
    }

    private static List<Target> readTargets(ReferenceSource source, Set<String> agencies, Set<String> services) {
        CsvTable t = CsvTable.read(source, TARGETS, List.of("kpi", "scope_type", "scope_code", "target_year", "target",
                "baseline_year", "baseline", "source"));
        List<Target> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String kpi = r.code("kpi");
            String scopeType = r.required("scope_type");
            if (!SCOPE_TYPES.contains(scopeType)) {
                throw r.error("scope_type '" + scopeType + "' is not one of " + String.join(", ", SCOPE_TYPES));
            }
            String scopeCode = r.required("scope_code");
            switch (scopeType) {
                case "national" -> {
                    if (!NATIONAL_SCOPE_CODE.equals(scopeCode)) {
                        throw r.error("scope_code of a national target must be " + NATIONAL_SCOPE_CODE + ", not '" + scopeCode + "'");
                    }
                }
                case "stage" -> {
                    if (!scopeCode.matches("[1-9]\\d?")) {
                        throw r.error("scope_code of a stage target must be a stage number, not '" + scopeCode + "'");
                    }
                }
                case "agency" -> {
                    if (!agencies.contains(scopeCode)) {
                        throw r.error("unknown agency '" + scopeCode + "' in scope_code: it is not in " + AGENCIES);
                    }
                }
                default -> {
                    if (!services.contains(scopeCode)) {
                        throw r.error("unknown service '" + scopeCode + "' in scope_code: it is not in " + SERVICES);
                    }
                }
            }
            int year = year(r, "target_year");
            double target = r.decimal("target");
            Integer baselineYear = r.optional("baseline_year").isEmpty() ? null : year(r, "baseline_year");
            Double baseline = r.optionalDecimal("baseline");
            if ((baselineYear == null) != (baseline == null)) {
                throw r.error("baseline_year and baseline go together: give both or leave both empty");
            }
            if (baselineYear != null && baselineYear > year) {
                throw r.error("baseline_year " + baselineYear + " is after target_year " + year);
            }
            unique(r, seen, "target", kpi + "/" + scopeType + "/" + scopeCode + "/" + year);
            out.add(new Target(kpi, scopeType, scopeCode, year, target, baselineYear, baseline, r.required("source")));
        }
        return out;
    }

    private static List<ExternalIndicator> readExternalIndicators(ReferenceSource source) {
        CsvTable t = CsvTable.read(source, EXTERNAL_INDICATORS, List.of("indicator", "year", "value", "source"));
        List<ExternalIndicator> out = new ArrayList<>();
        Map<String, Long> seen = new HashMap<>();
        for (CsvTable.Row r : t.rows()) {
            String indicator = r.code("indicator");
            int year = year(r, "year");
            unique(r, seen, "indicator and year", indicator + " " + year);
            out.add(new ExternalIndicator(indicator, year, r.decimal("value"), r.required("source")));
        }
        return out;
    }

    private static int year(CsvTable.Row r, String column) {
        int y = r.integer(column);
        if (y < 1990 || y > 2100) {
            throw r.error(column + " " + y + " is not a plausible year (1990..2100)");
        }
        return y;
    }

    private static <K> void unique(CsvTable.Row r, Map<K, Long> seen, String what, K key) {
        Long first = seen.putIfAbsent(key, r.line());
        if (first != null) {
            throw r.error("duplicate " + what + " '" + key + "' (first on line " + first + ")");
        }
    }

    private static void nonEmpty(CsvTable t, List<?> rows, String what) {
        if (rows.isEmpty()) {
            throw t.error(2, "no " + what + " rows after the header");
        }
    }

    // ---------------------------------------------------------------- look-ups

    public List<Agency> agencies() {
        return agencies;
    }

    public List<Service> services() {
        return services;
    }

    public List<Channel> channels() {
        return channels;
    }

    public List<Region> regions() {
        return regions;
    }

    /** The maturity stages sorted by stage number, 1 first. */
    public List<MaturityStage> stages() {
        return stages;
    }

    /** The stages file these stages were read from (e.g. {@code maturity_stages.csv}). */
    public String stagesFile() {
        return stagesFile;
    }

    public List<Target> targets() {
        return targets;
    }

    public List<ExternalIndicator> externalIndicators() {
        return externalIndicators;
    }

    public Optional<Agency> agency(String code) {
        return Optional.ofNullable(code == null ? null : agencyByCode.get(code));
    }

    public Optional<Service> service(String code) {
        return Optional.ofNullable(code == null ? null : serviceByCode.get(code));
    }

    public Optional<Channel> channel(String code) {
        return Optional.ofNullable(code == null ? null : channelByCode.get(code));
    }

    public Optional<Region> region(String code) {
        return Optional.ofNullable(code == null ? null : regionByCode.get(code));
    }

    public boolean agencyExists(String code) {
        return code != null && agencyByCode.containsKey(code);
    }

    public boolean serviceExists(String code) {
        return code != null && serviceByCode.containsKey(code);
    }

    public boolean channelExists(String code) {
        return code != null && channelByCode.containsKey(code);
    }

    public boolean regionExists(String code) {
        return code != null && regionByCode.containsKey(code);
    }

    /** True when {@code serviceCode} is catalogued under {@code agencyCode}. */
    public boolean serviceBelongsTo(String serviceCode, String agencyCode) {
        Service s = serviceCode == null ? null : serviceByCode.get(serviceCode);
        return s != null && s.agencyCode().equals(agencyCode);
    }

    /** The {@code is_digital} flag of a channel; fails for a channel the reference does not know. */
    public boolean isDigital(String channelCode) {
        Channel c = channelCode == null ? null : channelByCode.get(channelCode);
        if (c == null) {
            throw new IllegalArgumentException("unknown channel '" + channelCode + "' (known: " + channelByCode.keySet() + ")");
        }
        return c.digital();
    }

    /** The services catalogued under an agency, in file order (empty for an unknown agency). */
    public List<Service> servicesOf(String agencyCode) {
        return servicesByAgency.getOrDefault(agencyCode, List.of());
    }

    /** The catalogue size of an agency: the denominator of its e-service coverage. */
    public int serviceCount(String agencyCode) {
        return servicesOf(agencyCode).size();
    }

    /** Catalogue size per agency code, in agency file order. */
    public Map<String, Integer> serviceCountByAgency() {
        Map<String, Integer> out = new LinkedHashMap<>();
        servicesByAgency.forEach((k, v) -> out.put(k, v.size()));
        return Collections.unmodifiableMap(out);
    }

    public Optional<MaturityStage> stage(int number) {
        return number >= 1 && number <= stages.size() ? Optional.of(stages.get(number - 1)) : Optional.empty();
    }

    /**
     * The highest stage whose three thresholds the indicators all meet (DESIGN §5): a missing indicator
     * counts as 0, a value equal to a threshold meets it; stage 1 always applies.
     */
    public MaturityStage stageFor(Double coverage, Double adoption, Double satisfactionRate) {
        MaturityStage reached = stages.get(0);
        for (MaturityStage s : stages) {
            if (s.isMetBy(coverage, adoption, satisfactionRate)) {
                reached = s;
            }
        }
        return reached;
    }

    @Override
    public String toString() {
        return "ReferenceData[" + agencies.size() + " agencies, " + services.size() + " services, " + channels.size()
                + " channels, " + regions.size() + " regions, " + stages.size() + " stages from " + stagesFile + ", "
                + targets.size() + " targets, " + externalIndicators.size() + " external indicators]";
    }
}
