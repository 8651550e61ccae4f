package org.tahawul.datasets.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case breaks one line of a valid fixture folder; the error names the file, the line and the reason. */
class MalformedReferenceTest {

    @TempDir
    Path dir;

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("missing column", "agencies.csv", 1, "agency_code,name_ar,name_en", 1,
                        "missing column 'sector'"),
                Arguments.of("bad number", "services.csv", 3,
                        "MOI-PASSPORT-RENEW,MOI,تجديد جواز السفر,Passport renewal,identity,sixty", 3,
                        "sla_minutes 'sixty' is not a whole number"),
                Arguments.of("non-positive SLA", "services.csv", 2,
                        "MOI-NID-RENEW,MOI,تجديد بطاقة الهوية الوطنية,National ID card renewal,identity,0", 2,
                        "sla_minutes 0 of service 'MOI-NID-RENEW' must be a positive number"),
                Arguments.of("duplicate code", "agencies.csv", 4, "MOI,وزارة الخارجية,Ministry of Foreign Affairs,foreign", 4,
                        "duplicate agency_code 'MOI' (first on line 2)"),
                Arguments.of("duplicate service code", "services.csv", 4,
                        "MOI-NID-RENEW,MOI,تجديد,Driving licence renewal,traffic,15", 4,
                        "duplicate service_code 'MOI-NID-RENEW' (first on line 2)"),
                Arguments.of("unknown agency of a service", "services.csv", 6,
                        "MOHX-UMRAH-PERMIT,MOHX,إصدار تصريح العمرة,Umrah permit,hajj_umrah,5", 6,
                        "unknown agency_code 'MOHX' of service 'MOHX-UMRAH-PERMIT': it is not in agencies.csv"),
                Arguments.of("is_digital not true/false", "channels.csv", 3, "mobile,تطبيق الجوال,Mobile app,yes", 3,
                        "is_digital 'yes' is not true or false"),
                Arguments.of("channel outside the contract", "channels.csv", 2, "fax,الفاكس,Fax,false", 2,
                        "channel 'fax' is not a channel of the log contract"),
                Arguments.of("thresholds not monotonic", "maturity_stages.csv", 4, "3,التعاملات,Transaction,0.2,0.5,0", 4,
                        "thresholds not monotonic: stage 3"),
                Arguments.of("stage 1 with thresholds", "maturity_stages.csv", 2, "1,الحضور,Presence,0.1,0,0", 2,
                        "stage 1 must have zero thresholds"),
                Arguments.of("stage gap", "maturity_stages.csv", 5, "5,التكامل,Integration,0.95,0.8,0.7", 5,
                        "stage 4 is missing before stage 5"),
                Arguments.of("threshold above 1", "maturity_stages.csv", 5, "4,التكامل,Integration,95,0.8,0.7", 5,
                        "min_coverage 95.0 must be a share between 0 and 1"),
                Arguments.of("Arabic missing in name_ar", "regions.csv", 5, "SA-04,Eastern Province,Eastern Province", 5,
                        "name_ar 'Eastern Province' has no Arabic letters"),
                Arguments.of("empty required value", "agencies.csv", 3, "MOHU,وزارة الحج والعمرة,,hajj", 3,
                        "empty name_en"),
                Arguments.of("too few values", "regions.csv", 3, "SA-02,منطقة مكة المكرمة", 3,
                        "expected 3 values as in the header, found 2"),
                Arguments.of("not a code", "regions.csv", 3, "SA 02,منطقة مكة المكرمة,Makkah Region", 3,
                        "region_code 'SA 02' is not a code"),
                Arguments.of("bad decimal", "targets.csv", 2, "digital_adoption,national,ALL,2030,0.9x,2019,0.6,illustrative", 2,
                        "target '0.9x' is not a number"),
                Arguments.of("unknown scope type", "targets.csv", 3, "satisfaction_rate,region,4,2030,0.88,,,illustrative", 3,
                        "scope_type 'region' is not one of national, stage, agency, service"),
                Arguments.of("target of an unknown agency", "targets.csv", 4, "eservice_coverage,agency,MOX,2030,1,2019,0.8,illustrative", 4,
                        "unknown agency 'MOX' in scope_code"),
                Arguments.of("half a baseline", "targets.csv", 2, "digital_adoption,national,ALL,2030,0.9,2019,,illustrative", 2,
                        "baseline_year and baseline go together"),
                Arguments.of("target without source", "targets.csv", 2, "digital_adoption,national,ALL,2030,0.9,2019,0.6,", 2,
                        "empty source"),
                Arguments.of("implausible year", "external_indicators.csv", 2, "un_egdi_rank,22,31,UN", 2,
                        "year 22 is not a plausible year"),
                Arguments.of("unterminated quote", "external_indicators.csv", 3, "un_egdi_rank,2024,6,\"UN E-Government Survey", 0,
                        "not valid CSV"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void malformedLineIsReportedWithFileLineAndReason(String name, String file, int lineToReplace, String replacement,
                                                      int expectedLine, String expectedReason) throws IOException {
        copyFixture();
        Path path = dir.resolve(file);
        List<String> lines = new ArrayList<>(Files.readAllLines(path));
        lines.set(lineToReplace - 1, replacement);
        Files.write(path, lines, StandardCharsets.UTF_8);

        ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> ReferenceData.load(dir));

        assertThat(e).as("no error for " + name).isNotNull();
        assertThat(e.file()).isEqualTo(path.toString());
        assertThat(e.line()).isEqualTo(expectedLine);
        assertThat(e.reason()).contains(expectedReason);
        assertThat(e.getMessage()).startsWith(path + (expectedLine > 0 ? " line " + expectedLine + ": " : ": "));
    }

    @ParameterizedTest(name = "missing {0}")
    @MethodSource("files")
    void missingFileIsNamed(String file) throws IOException {
        copyFixture();
        Files.delete(dir.resolve(file));
        ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> ReferenceData.load(dir));
        assertThat(e.getMessage()).startsWith(dir.resolve(file).toString()).contains("file not found");
    }

    static Stream<String> files() {
        return ReferenceData.FILES.stream();
    }

    @Test
    void invalidUtf8IsReportedWithItsLine() throws IOException {
        copyFixture();
        Path path = dir.resolve("agencies.csv");
        byte[] original = Files.readAllBytes(path);
        byte[] broken = new String(original, StandardCharsets.UTF_8)
                .replace("Ministry of Commerce", "Ministry of Comm\u00e9rce").getBytes(StandardCharsets.ISO_8859_1);
        Files.write(path, broken);
        ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> ReferenceData.load(dir));
        assertThat(e.reason()).contains("not valid UTF-8");
        assertThat(e.line()).isPositive();
    }

    @Test
    void byteOrderMarkCrlfEmptyLinesAndExtraColumnsAreAccepted() throws IOException {
        copyFixture();
        String text = "\uFEFFregion_code,name_ar,name_en,note\r\n"
                + "SA-01,منطقة الرياض,Riyadh Region,capital\r\n"
                + "\r\n"
                + "SA-02,\"منطقة مكة المكرمة\",Makkah Region,\r\n";
        Files.write(dir.resolve("regions.csv"), text.getBytes(StandardCharsets.UTF_8));
        assertThat(ReferenceData.load(dir).regions()).extracting(Region::code).containsExactly("SA-01", "SA-02");
    }

    @Test
    void lineNumbersCountPhysicalLinesAcrossQuotedLineBreaks() throws IOException {
        copyFixture();
        String text = "region_code,name_ar,name_en\n"
                + "SA-01,منطقة الرياض,\"Riyadh\nRegion\"\n"
                + "SA-02,Makkah,Makkah Region\n";
        Files.write(dir.resolve("regions.csv"), text.getBytes(StandardCharsets.UTF_8));
        ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class, () -> ReferenceData.load(dir));
        assertThat(e.line()).isEqualTo(4);
        assertThat(e.reason()).contains("name_ar 'Makkah' has no Arabic letters");
    }

    @Test
    void anotherStagesFileCanBeChosen() throws IOException {
        copyFixture();
        assertThat(ReferenceData.load(dir, ReferenceData.MATURITY_STAGES_QIYAS).stages()).hasSize(5);
        ReferenceDataException e = catchThrowableOfType(ReferenceDataException.class,
                () -> ReferenceData.load(dir, "stages_missing.csv"));
        assertThat(e.getMessage()).contains("stages_missing.csv").contains("file not found");
    }

    private void copyFixture() throws IOException {
        Path source = ReferenceDataTest.fixture();
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }
}
