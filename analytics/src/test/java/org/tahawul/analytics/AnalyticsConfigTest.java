package org.tahawul.analytics;

import org.junit.jupiter.api.Test;

import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnalyticsConfigTest {

    @Test
    void parsesNamedOptions() {
        AnalyticsConfig c = AnalyticsConfig.parse("--from", "2024-01", "--to=2024-03", "--stages-file",
                "maturity_stages_qiyas.csv", "--master", "local[*]");
        assertThat(c.from()).isEqualTo(YearMonth.of(2024, 1));
        assertThat(c.to()).isEqualTo(YearMonth.of(2024, 3));
        assertThat(c.stagesFile()).isEqualTo("maturity_stages_qiyas.csv");
        assertThat(c.master()).isEqualTo("local[*]");
        assertThat(c.referenceDir()).isNull();
    }

    @Test
    void defaultsToEveryMonthAndTheShippedReference() {
        AnalyticsConfig c = AnalyticsConfig.parse();
        assertThat(c.from()).isNull();
        assertThat(c.to()).isNull();
        assertThat(c.stagesFile()).isEqualTo("maturity_stages.csv");
        assertThat(c.reference().stages()).hasSize(4);
        assertThat(AnalyticsConfig.parse("--stages-file", "maturity_stages_qiyas.csv").reference().stages()).hasSize(5);
    }

    @Test
    void rejectsBadInputWithAMessage() {
        assertThatThrownBy(() -> AnalyticsConfig.parse("--from", "2024-13")).hasMessageContaining("--from must be a month");
        assertThatThrownBy(() -> AnalyticsConfig.parse("--from", "2024-05", "--to", "2024-04"))
                .hasMessageContaining("after --to");
        assertThatThrownBy(() -> AnalyticsConfig.parse("--month", "2024-05")).hasMessageContaining("unknown option");
        assertThatThrownBy(() -> AnalyticsConfig.parse("--to")).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> AnalyticsConfig.parse("--reference-dir", "/no/such/dir"))
                .hasMessageContaining("is not a folder");
    }
}
