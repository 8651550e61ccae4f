package org.tahawul.datasets.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class ReferenceDataTest {

    static Path fixture() {
        try {
            return Path.of(ReferenceDataTest.class.getResource("/reference-fixture/agencies.csv").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------- the shipped files

    @Test
    void shippedFilesHaveTheHeadersOfTheContract() throws Exception {
        Map<String, String> headers = Map.of(
                "agencies.csv", "agency_code,name_ar,name_en,sector",
                "services.csv", "service_code,agency_code,name_ar,name_en,category,sla_minutes",
                "channels.csv", "channel,name_ar,name_en,is_digital",
                "regions.csv", "region_code,name_ar,name_en",
                "maturity_stages.csv", "stage,name_ar,name_en,min_coverage,min_adoption,min_satisfaction",
                "maturity_stages_qiyas.csv", "stage,name_ar,name_en,min_coverage,min_adoption,min_satisfaction",
                "targets.csv", "kpi,scope_type,scope_code,target_year,target,baseline_year,baseline,source",
                "external_indicators.csv", "indicator,year,value,source");
        for (var e : headers.entrySet()) {
            List<String> lines = Files.readAllLines(Path.of("reference", e.getKey()));
            assertThat(lines.get(0)).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void shippedCatalogueIsCompleteAndConsistent() {
        ReferenceData ref = ReferenceData.loadDefault();

        assertThat(ref.agencies()).hasSizeGreaterThanOrEqualTo(20);
        assertThat(ref.services()).hasSizeGreaterThanOrEqualTo(80);
        assertThat(ref.channels()).extracting(Channel::code)
                .containsExactlyInAnyOrder("web", "mobile", "api", "kiosk", "counter", "call_center");
        assertThat(ref.channels()).filteredOn(Channel::digital).extracting(Channel::code)
                .contains("web", "mobile").doesNotContain("counter");
        assertThat(ref.regions()).hasSize(13);
        assertUnique(ref.agencies(), Agency::code);
        assertUnique(ref.services(), Service::code);
        assertUnique(ref.regions(), Region::code);
        for (Service s : ref.services()) {
            assertThat(ref.agencyExists(s.agencyCode())).as(s.code()).isTrue();
            assertThat(ref.serviceBelongsTo(s.code(), s.agencyCode())).isTrue();
            assertThat(s.slaMinutes()).isPositive();
        }
        ref.agencies().forEach(a -> assertThat(CsvTable.containsArabic(a.nameAr())).as(a.code()).isTrue());
        ref.services().forEach(s -> assertThat(CsvTable.containsArabic(s.nameAr())).as(s.code()).isTrue());
        ref.regions().forEach(r -> assertThat(CsvTable.containsArabic(r.nameAr())).as(r.code()).isTrue());
        ref.channels().forEach(c -> assertThat(CsvTable.containsArabic(c.nameAr())).as(c.code()).isTrue());
        // every agency offers something: e-service coverage has a denominator
        ref.agencies().forEach(a -> assertThat(ref.serviceCount(a.code())).as(a.code()).isPositive());
        assertThat(ref.serviceCountByAgency().values().stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(ref.services().size());
    }

    @Test
    void shippedStagesAreTheFourStageDefaultAndTheQiyasAlternative() {
        ReferenceData ref = ReferenceData.loadDefault();
        assertThat(ref.stagesFile()).isEqualTo("maturity_stages.csv");
        assertThat(ref.stages()).extracting(MaturityStage::nameEn)
                .containsExactly("Presence", "Interaction", "Transaction", "Integration");
        assertThat(ref.stages().get(1).minCoverage()).isEqualTo(0.25);
        assertThat(ref.stages().get(2)).extracting(MaturityStage::minCoverage, MaturityStage::minAdoption)
                .containsExactly(0.6, 0.5);
        assertThat(ref.stages().get(3)).extracting(MaturityStage::minCoverage, MaturityStage::minAdoption,
                MaturityStage::minSatisfaction).containsExactly(0.95, 0.8, 0.7);
        assertMonotonic(ref.stages());

        ReferenceData qiyas = ReferenceData.loadDefault(ReferenceData.MATURITY_STAGES_QIYAS);
        assertThat(qiyas.stages()).extracting(MaturityStage::nameEn)
                .containsExactly("Building", "Availability", "Improvement", "Integration", "Creativity");
        assertMonotonic(qiyas.stages());
    }

    @Test
    void shippedTargetsAndIndicatorsNameTheirSource() {
        ReferenceData ref = ReferenceData.loadDefault();
        assertThat(ref.targets()).isNotEmpty().allSatisfy(t -> assertThat(t.source()).isNotBlank());
        assertThat(ref.targets()).extracting(Target::kpi)
                .contains("digital_adoption", "satisfaction_rate", "completion_rate", "eservice_coverage");
        assertThat(ref.externalIndicators()).isNotEmpty().allSatisfy(i -> assertThat(i.source()).isNotBlank());
        assertThat(ref.externalIndicators())
                .anySatisfy(i -> assertThat(i).extracting(ExternalIndicator::year, ExternalIndicator::value)
                        .containsExactly(2024, 6.0));
    }

    @Test
    void shippedFolderAndClasspathCopyAreTheSame() {
        ReferenceData folder = ReferenceData.load(Path.of("reference"));
        ReferenceData jar = ReferenceData.loadDefault();
        assertThat(folder.agencies()).isEqualTo(jar.agencies());
        assertThat(folder.services()).isEqualTo(jar.services());
        assertThat(folder.channels()).isEqualTo(jar.channels());
        assertThat(folder.regions()).isEqualTo(jar.regions());
        assertThat(folder.stages()).isEqualTo(jar.stages());
        assertThat(folder.targets()).isEqualTo(jar.targets());
        assertThat(folder.externalIndicators()).isEqualTo(jar.externalIndicators());
    }

    // ------------------------------------------------------------- look-ups

    @Test
    void lookUpsAnswerWhatTheJobsAsk() {
        ReferenceData ref = ReferenceData.load(fixture());

        assertThat(ref.agency("MOI")).map(Agency::nameEn).contains("Ministry of Interior");
        assertThat(ref.agency("NOPE")).isEmpty();
        assertThat(ref.agency(null)).isEmpty();
        assertThat(ref.service("MOHU-HAJJ-REG")).map(Service::slaMinutes).contains(10080);
        assertThat(ref.service("MOHU-HAJJ-REG").orElseThrow().slaMillis()).isEqualTo(10080L * 60_000);
        assertThat(ref.serviceBelongsTo("MOI-NID-RENEW", "MOI")).isTrue();
        assertThat(ref.serviceBelongsTo("MOI-NID-RENEW", "MOH")).isFalse();
        assertThat(ref.serviceBelongsTo("NOPE", "MOI")).isFalse();
        assertThat(ref.isDigital("mobile")).isTrue();
        assertThat(ref.isDigital("call_center")).isFalse();
        assertThatThrownBy(() -> ref.isDigital("fax")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fax");
        assertThat(ref.regionExists("SA-14")).isTrue();
        assertThat(ref.regionExists("SA-13")).isFalse();
        assertThat(ref.serviceCount("MOI")).isEqualTo(4);
        assertThat(ref.serviceCount("NOPE")).isZero();
        assertThat(ref.servicesOf("SAMA")).extracting(Service::code).containsExactly("SAMA-SADAD-BILL", "SAMA-GOV-FEE");
        assertThat(ref.serviceCountByAgency()).containsEntry("MOHU", 2).hasSize(6);
        assertThat(ref.stages()).extracting(MaturityStage::stage).containsExactly(1, 2, 3, 4);
        assertThat(ref.targets()).hasSize(4);
        Target stageTarget = ref.targets().get(1);
        assertThat(stageTarget.baselineYear()).isNull();
        assertThat(stageTarget.baseline()).isNull();
        assertThat(stageTarget.illustrative()).isTrue();
    }

    @Test
    void stageForTakesTheHighestStageWhoseThresholdsAreAllMet() {
        ReferenceData ref = ReferenceData.load(fixture());
        assertThat(ref.stageFor(null, null, null).stage()).isEqualTo(1);
        assertThat(ref.stageFor(0.24, 0.9, 0.9).stage()).isEqualTo(1);
        assertThat(ref.stageFor(0.25, 0.0, 0.0).stage()).isEqualTo(2);
        assertThat(ref.stageFor(0.6, 0.5, null).stage()).isEqualTo(3);
        assertThat(ref.stageFor(0.95, 0.8, 0.69).stage()).isEqualTo(3);
        assertThat(ref.stageFor(0.95, 0.8, 0.7).stage()).isEqualTo(4);
        assertThat(ReferenceData.load(fixture(), ReferenceData.MATURITY_STAGES_QIYAS).stageFor(1.0, 1.0, 1.0).stage())
                .isEqualTo(5);
    }

    @Test
    void survivesJavaSerialisationForSparkBroadcasts() throws Exception {
        ReferenceData ref = ReferenceData.load(fixture());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ref);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            ReferenceData copy = (ReferenceData) in.readObject();
            assertThat(copy.services()).isEqualTo(ref.services());
            assertThat(copy.serviceBelongsTo("MC-CR-RENEW", "MC")).isTrue();
            assertThat(copy.serviceCount("MOI")).isEqualTo(4);
        }
    }

    private static <T> void assertUnique(List<T> items, Function<T, String> key) {
        Set<String> seen = new HashSet<>();
        for (T item : items) {
            assertThat(seen.add(key.apply(item))).as("duplicate " + key.apply(item)).isTrue();
        }
    }

    private static void assertMonotonic(List<MaturityStage> stages) {
        assertThat(stages.get(0)).extracting(MaturityStage::stage, MaturityStage::minCoverage, MaturityStage::minAdoption,
                MaturityStage::minSatisfaction).containsExactly(1, 0.0, 0.0, 0.0);
        for (int i = 1; i < stages.size(); i++) {
            MaturityStage p = stages.get(i - 1);
            MaturityStage s = stages.get(i);
            assertThat(s.stage()).isEqualTo(p.stage() + 1);
            assertThat(s.minCoverage()).isGreaterThanOrEqualTo(p.minCoverage());
            assertThat(s.minAdoption()).isGreaterThanOrEqualTo(p.minAdoption());
            assertThat(s.minSatisfaction()).isGreaterThanOrEqualTo(p.minSatisfaction());
        }
    }
}
