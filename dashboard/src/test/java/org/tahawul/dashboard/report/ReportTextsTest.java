package org.tahawul.dashboard.report;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.tahawul.dashboard.system.MonthLabels;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class ReportTextsTest {

    private final ReportTexts texts = new ReportTexts(messages(), new MonthLabels());

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding(StandardCharsets.UTF_8.name());
        source.setFallbackToSystemLocale(false);
        return source;
    }

    @Test
    void periodsAreNamedWithTheirMonthsInTheReadersDigits() {
        assertThat(texts.period(ReportPeriods.parse("2024-01"), Locale.ENGLISH)).isEqualTo("January 2024 · Rajab 1445 AH");
        assertThat(texts.period(ReportPeriods.parse("2024-Q2"), Locale.ENGLISH)).isEqualTo("Q2 2024 · April 2024 – June 2024");
        assertThat(texts.period(ReportPeriods.parse("2024-Q2"), ReportTexts.ARABIC))
                .isEqualTo("الربع ٢ من ٢٠٢٤ · أبريل ٢٠٢٤ – يونيو ٢٠٢٤");
        assertThat(texts.period(ReportPeriods.parse("2024"), ReportTexts.ARABIC)).startsWith("٢٠٢٤ · يناير ٢٠٢٤");
    }

    @Test
    void theHeaderAndFooterCarryTitlePeriodGenerationTimeAndPageNumbers() {
        ZonedDateTime at = ZonedDateTime.of(2024, 6, 1, 7, 0, 0, 0, ZoneId.of("Asia/Riyadh"));
        assertThat(texts.generatedAt(at, Locale.ENGLISH)).isEqualTo("1 June 2024, 07:00 (Asia/Riyadh)");
        assertThat(texts.generatedAt(at, ReportTexts.ARABIC)).isEqualTo("١ يونيو ٢٠٢٤، ٠٧:٠٠ (Asia/Riyadh)");
        String header = texts.headerTemplate("Report <&>", "May 2024", Locale.ENGLISH);
        assertThat(header).contains("Tahawul", "Report &lt;&amp;&gt;", "May 2024", "dir=\"ltr\"");
        String footer = texts.footerTemplate("١ يونيو", ReportTexts.ARABIC);
        assertThat(footer).contains("dir=\"rtl\"", "أُنشئ في ١ يونيو", "صفحة <span class=\"pageNumber\"></span> من "
                + "<span class=\"totalPages\"></span>", "Noto Sans Arabic");
    }
}
