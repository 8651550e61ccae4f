package org.tahawul.dashboard.system;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TableResponsesTest {

    record Row(LocalDate month, String scopeCode, String nameAr, Double digitalAdoption, Long transactions) {
    }

    @Test
    void csvHasAByteOrderMarkTableColumnNamesAndNeutralisedFormulas() {
        byte[] body = TableResponses.csv(List.of(
                new Row(LocalDate.of(2024, 1, 1), "=HYPERLINK(\"http://x\")", "وزارة الصحة, الرياض", 0.725, 1200L),
                new Row(LocalDate.of(2024, 2, 1), "@SUM(A1)", "-2+3", null, -5L)), Row.class);
        assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
        assertThat(text.split("\r\n")).containsExactly(
                "month,scope_code,name_ar,digital_adoption,transactions",
                "2024-01-01,\"'=HYPERLINK(\"\"http://x\"\")\",\"وزارة الصحة, الرياض\",0.725,1200",
                "2024-02-01,'@SUM(A1),'-2+3,,-5");
    }

    @Test
    void everyDangerousFirstCharacterIsPrefixed() {
        for (String dangerous : List.of("=1", "+1", "-1", "@x", "\tx", "\rx")) {
            assertThat(TableResponses.cell(dangerous)).as(dangerous).contains("'" + dangerous.charAt(0));
        }
        assertThat(TableResponses.cell("safe")).isEqualTo("safe");
        assertThat(TableResponses.cell(0.0001)).isEqualTo("0.0001");
    }

    @Test
    void columnNamesAreSnakeCase() {
        assertThat(TableResponses.snake("digitalSessionsStarted")).isEqualTo("digital_sessions_started");
    }
}
