package org.tahawul.dashboard.agency;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.tahawul.dashboard.system.AgencyScope;
import org.tahawul.dashboard.system.PeriodSelection;
import org.tahawul.dashboard.testing.KpiData;
import org.tahawul.warehouse.testing.TestDatabase;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** AgencyRepository against the local ClickHouse with hand-made rows. */
class AgencyRepositoryIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.migrated();
    static AgencyRepository repository;
    static final PeriodSelection FEB = PeriodSelection.parse("month", "2024-02", null, null, YearMonth.of(2024, 2));

    @BeforeAll
    static void data() throws Exception {
        KpiData.in(db.settings()).reference()
                .monthly("agency", "MOH", "2024-02", Map.of("transactions", 300L, "digital_adoption", 0.8, "services_catalogued", 7L))
                .monthly("agency", "MOI", "2024-02", Map.of("transactions", 500L, "digital_adoption", 0.6))
                .monthly("agency", "MOH", "2024-01", Map.of("transactions", 280L, "digital_adoption", 0.78))
                .monthly("service", "MOH-APPOINTMENT", "2024-02", Map.of("transactions", 100L, "digital_adoption", 0.9))
                .maturity("MOH", "2024-02", 3, 71.5, 0.7, 0.8, 0.6)
                .maturity("MOI", "2024-02", 4, 88.0, 1.0, 0.85, 0.75)
                .events("MOH", "MOH-APPOINTMENT", "2024-02", "web", true, "completed", null, 6)
                .events("MOH", "MOH-APPOINTMENT", "2024-02", "mobile", true, "completed", null, 2)
                .events("MOH", "MOH-SICK-LEAVE", "2024-02", "counter", false, "completed", null, 2)
                .events("MOH", "MOH-APPOINTMENT", "2024-02", "web", true, "rated", 5, 3)
                .events("MOH", "MOH-APPOINTMENT", "2024-02", "web", true, "rated", 2, 1)
                .events("MOH", "MOH-APPOINTMENT", "2024-01", "web", true, "completed", null, 50)
                .write();
        repository = new AgencyRepository(KpiData.jdbc(db.settings()));
    }

    @Test
    void rankingOrdersByMaturityIndexAndListsEveryAgency() {
        List<AgencyRank> ranking = repository.ranking(FEB, AgencyScope.ALL);
        assertThat(ranking).hasSize(27);
        assertThat(ranking.get(0)).extracting(AgencyRank::rank, AgencyRank::agencyCode, AgencyRank::stage,
                AgencyRank::maturityIndex, AgencyRank::transactions).containsExactly(1, "MOI", 4, 88.0, 500L);
        assertThat(ranking.get(1)).extracting(AgencyRank::rank, AgencyRank::agencyCode, AgencyRank::digitalAdoption,
                AgencyRank::nameEn).containsExactly(2, "MOH", 0.8, "Ministry of Health");
        assertThat(ranking.get(2).rank()).isNull();
        assertThat(ranking.get(2).transactions()).isNull();
        assertThat(repository.ranking(FEB, new AgencyScope("MOH"))).extracting(AgencyRank::agencyCode).containsExactly("MOH");
    }

    @Test
    void heatmapHasOneCellPerAgencyAndMonth() {
        PeriodSelection window = PeriodSelection.range(YearMonth.of(2024, 1), YearMonth.of(2024, 2));
        assertThat(repository.heatmap("digital_adoption", window, AgencyScope.ALL)).containsExactly(
                new HeatCell("2024-01", "MOH", 0.78), new HeatCell("2024-02", "MOH", 0.8), new HeatCell("2024-02", "MOI", 0.6));
        assertThat(repository.heatmap("maturity_index", window, new AgencyScope("MOI")))
                .containsExactly(new HeatCell("2024-02", "MOI", 88.0));
    }

    @Test
    void servicesListTheCatalogueWithTheirKpis() {
        List<ServiceRow> services = repository.services("MOH", null, FEB, AgencyScope.ALL);
        assertThat(services).hasSize(7);
        assertThat(services.get(0)).extracting(ServiceRow::serviceCode, ServiceRow::transactions, ServiceRow::digitalAdoption)
                .containsExactly("MOH-APPOINTMENT", 100L, 0.9);
        assertThat(services.get(1).transactions()).isNull();
        assertThat(repository.services(null, null, FEB, new AgencyScope("MOI"))).allMatch(s -> s.agencyCode().equals("MOI"));
    }

    @Test
    void channelMixAndRatingsComeFromEventsOfThePeriod() {
        List<ChannelShare> channels = repository.channels("MOH", null, FEB);
        assertThat(channels).hasSize(6);
        assertThat(channels.get(0)).extracting(ChannelShare::channel, ChannelShare::transactions, ChannelShare::share)
                .containsExactly("web", 6L, 0.6);
        assertThat(channels).filteredOn(c -> c.channel().equals("counter")).extracting(ChannelShare::share).containsExactly(0.2);
        assertThat(repository.channels("MOH", "MOH-APPOINTMENT", FEB)).extracting(ChannelShare::transactions)
                .containsExactly(6L, 2L, 0L, 0L, 0L, 0L);
        assertThat(repository.ratings("MOH", null, FEB)).containsExactly(new RatingCount(1, 0L, 0.0),
                new RatingCount(2, 1L, 0.25), new RatingCount(3, 0L, 0.0), new RatingCount(4, 0L, 0.0), new RatingCount(5, 3L, 0.75));
    }
}
