package org.tahawul.dashboard.testing;

import org.tahawul.dashboard.system.Catalogue;
import org.tahawul.dashboard.system.DataCalendar;
import org.tahawul.dashboard.system.NotFoundException;

import java.time.YearMonth;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.lenient;

/** Stubs shared by the MVC slices: a catalogue with MOH and MOI and their services, data up to 2024-05. */
public final class Mocks {

    public static final YearMonth LATEST = YearMonth.of(2024, 5);

    private Mocks() {
    }

    public static void calendar(DataCalendar calendar) {
        lenient().when(calendar.span()).thenReturn(new DataCalendar.Span(YearMonth.of(2019, 1), LATEST, false, false));
    }

    public static void catalogue(Catalogue catalogue) {
        Catalogue.Agency moh = new Catalogue.Agency("MOH", "وزارة الصحة", "Ministry of Health", "health");
        Catalogue.Agency moi = new Catalogue.Agency("MOI", "وزارة الداخلية", "Ministry of Interior", "security");
        Catalogue.Service appointment = new Catalogue.Service("MOH-APPOINTMENT", "MOH", "حجز موعد", "Appointment", "health", 30);
        Catalogue.Service nid = new Catalogue.Service("MOI-NID-RENEW", "MOI", "تجديد الهوية", "ID renewal", "identity", 30);
        lenient().when(catalogue.requireAgency(anyString())).thenAnswer(i -> {
            String code = i.getArgument(0);
            return switch (code) {
                case "MOH" -> moh;
                case "MOI" -> moi;
                default -> throw new NotFoundException("unknown agency code '" + code + "'");
            };
        });
        lenient().when(catalogue.requireService(anyString())).thenAnswer(i -> {
            String code = i.getArgument(0);
            return switch (code) {
                case "MOH-APPOINTMENT" -> appointment;
                case "MOI-NID-RENEW" -> nid;
                default -> throw new NotFoundException("unknown service code '" + code + "'");
            };
        });
        lenient().when(catalogue.requireStage(anyString())).thenAnswer(i -> {
            String code = i.getArgument(0);
            if (!code.matches("[1-4]")) {
                throw new org.tahawul.dashboard.system.BadRequestException("a stage code is a stage number (1..4), got '" + code + "'");
            }
            return new Catalogue.Stage(Integer.parseInt(code), "س", "s", 0, 0, 0);
        });
        lenient().when(catalogue.agencies()).thenReturn(java.util.List.of(moh, moi));
    }
}
