package org.tahawul.datasets.generator;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.chrono.HijrahDate;
import java.time.temporal.ChronoField;

/**
 * The calendar facts of one day in Saudi Arabia that shape service demand: the Friday–Saturday
 * weekend, the Hijri (Umm al-Qura) date for Ramadan, the two Eid holidays and the Hajj season
 * ({@link HijrahDate} is the Umm al-Qura calendar), the national holidays, and the COVID-19
 * months of 2020–2021 when offices closed and Umrah and Hajj stopped.
 */
record SaudiCalendar(LocalDate date, int hijriYear, int hijriMonth, int hijriDay, int hijriMonthLength) {

    static final int MUHARRAM = 1;
    static final int SAFAR = 2;
    static final int RAJAB = 7;
    static final int SHABAN = 8;
    static final int RAMADAN = 9;
    static final int SHAWWAL = 10;
    static final int DHU_AL_QADAH = 11;
    static final int DHU_AL_HIJJAH = 12;

    private static final MonthDay NATIONAL_DAY = MonthDay.of(9, 23);
    private static final MonthDay FOUNDING_DAY = MonthDay.of(2, 22);
    private static final LocalDate OFFICES_CLOSED_FROM = LocalDate.of(2020, 3, 16);
    private static final LocalDate OFFICES_CLOSED_UNTIL = LocalDate.of(2020, 6, 20);
    private static final LocalDate PILGRIMAGE_STOPPED_FROM = LocalDate.of(2020, 3, 1);
    private static final LocalDate PILGRIMAGE_STOPPED_UNTIL = LocalDate.of(2021, 8, 8);
    /** The tourist e-visa was launched on 27 September 2019. */
    static final LocalDate TOURIST_EVISA_LAUNCH = LocalDate.of(2019, 9, 27);

    static SaudiCalendar of(LocalDate date) {
        try {
            HijrahDate h = HijrahDate.from(date);
            return new SaudiCalendar(date, h.get(ChronoField.YEAR), h.get(ChronoField.MONTH_OF_YEAR),
                    h.get(ChronoField.DAY_OF_MONTH), h.lengthOfMonth());
        } catch (DateTimeException outsideUmmAlQuraRange) {
            return new SaudiCalendar(date, 0, 0, 0, 0);
        }
    }

    /** Friday or Saturday. */
    boolean weekend() {
        DayOfWeek d = date.getDayOfWeek();
        return d == DayOfWeek.FRIDAY || d == DayOfWeek.SATURDAY;
    }

    boolean ramadan() {
        return hijriMonth == RAMADAN;
    }

    /** The public-sector Eid al-Fitr holiday: the last days of Ramadan and the first days of Shawwal. */
    boolean eidAlFitr() {
        return (hijriMonth == RAMADAN && hijriDay >= hijriMonthLength - 1) || (hijriMonth == SHAWWAL && hijriDay <= 5);
    }

    /** The Eid al-Adha holiday around the days of Hajj (9 to 14 Dhu al-Hijjah). */
    boolean eidAlAdha() {
        return hijriMonth == DHU_AL_HIJJAH && hijriDay >= 9 && hijriDay <= 14;
    }

    /** The Hajj season: Dhu al-Qadah and the first 13 days of Dhu al-Hijjah. */
    boolean hajjSeason() {
        return hijriMonth == DHU_AL_QADAH || (hijriMonth == DHU_AL_HIJJAH && hijriDay <= 13);
    }

    /** National Day (23 September) and, since 2022, Founding Day (22 February). */
    boolean nationalHoliday() {
        MonthDay md = MonthDay.from(date);
        return md.equals(NATIONAL_DAY) || (md.equals(FOUNDING_DAY) && date.getYear() >= 2022);
    }

    /** Government offices closed to visitors in spring 2020. */
    boolean officesClosed() {
        return !date.isBefore(OFFICES_CLOSED_FROM) && !date.isAfter(OFFICES_CLOSED_UNTIL);
    }

    /** Umrah suspended and Hajj restricted to a few residents, March 2020 to August 2021. */
    boolean pilgrimageStopped() {
        return !date.isBefore(PILGRIMAGE_STOPPED_FROM) && !date.isAfter(PILGRIMAGE_STOPPED_UNTIL);
    }

    /** Ramadan working hours (offices open late morning, digital use peaks after iftar). */
    boolean ramadanHours() {
        return ramadan() && !eidAlFitr();
    }

    /** Demand of digital channels on this day relative to an ordinary weekday. */
    double digitalFactor() {
        double f = switch (date.getDayOfWeek()) {
            case SUNDAY -> 1.06;
            case MONDAY, TUESDAY, WEDNESDAY -> 1.0;
            case THURSDAY -> 0.93;
            case FRIDAY -> 0.56;
            case SATURDAY -> 0.72;
        };
        if (eidAlFitr() || eidAlAdha()) {
            f *= 0.5;
        } else if (ramadan()) {
            f *= 0.84;
        }
        if (nationalHoliday()) {
            f *= 0.7;
        }
        if (officesClosed()) {
            f *= 1.2;
        }
        return f;
    }

    /** Demand at service counters (closed at weekends and on holidays). */
    double counterFactor() {
        if (weekend() || eidAlFitr() || eidAlAdha() || nationalHoliday()) {
            return 0.03;
        }
        double f = date.getDayOfWeek() == DayOfWeek.SUNDAY ? 1.1 : date.getDayOfWeek() == DayOfWeek.THURSDAY ? 0.9 : 1.0;
        if (ramadan()) {
            f *= 0.62;
        }
        if (date.getMonthValue() == 7 || date.getMonthValue() == 8) {
            f *= 0.85;
        }
        if (officesClosed()) {
            f *= 0.08;
        }
        return f;
    }

    /** Demand at call centres (open every day, quieter at weekends). */
    double callCentreFactor() {
        double f = weekend() ? 0.45 : 1.0;
        if (eidAlFitr() || eidAlAdha()) {
            f *= 0.4;
        } else if (ramadan()) {
            f *= 0.8;
        }
        return f;
    }

    /** Seasonal demand of a kind of service on this day (1 = ordinary). */
    double kindFactor(int kinds) {
        double f = 1.0;
        int dom = date.getDayOfMonth();
        if ((kinds & ServiceProfile.HAJJ) != 0) {
            double season = switch (hijriMonth) {
                case SHAWWAL -> 1.8;
                case DHU_AL_QADAH -> 3.5;
                case DHU_AL_HIJJAH -> hijriDay <= 8 ? 5.0 : hijriDay <= 13 ? 10.0 : 0.8; // 10 = 5, undoing the Eid dip
                case RAMADAN -> 1.0;
                default -> 0.3;
            };
            f *= season;
            if (pilgrimageStopped()) {
                f *= 0.08;
            }
        } else if ((kinds & ServiceProfile.UMRAH) != 0) {
            double season = switch (hijriMonth) {
                case RAMADAN -> hijriDay > 20 ? 3.5 : 2.4;
                case RAJAB, SHABAN -> 1.4;
                case MUHARRAM, SAFAR -> 1.2;
                case DHU_AL_QADAH -> hijriDay >= 15 ? 0.12 : 0.8;
                case DHU_AL_HIJJAH -> hijriDay <= 20 ? 0.12 : 0.9;
                default -> 1.0;
            };
            f *= season;
            if (pilgrimageStopped()) {
                f *= 0.06;
            }
        } else if ((kinds & ServiceProfile.VISA) != 0) {
            double season = switch (hijriMonth) {
                case DHU_AL_QADAH -> 1.8;
                case SHAWWAL -> 1.4;
                case RAMADAN -> 1.3;
                default -> 1.0;
            };
            f *= season;
            if ((kinds & ServiceProfile.TOURISM) != 0) {
                int m = date.getMonthValue();
                f *= (m >= 11 || m <= 3) ? 1.3 : 0.9;
                if (date.isBefore(TOURIST_EVISA_LAUNCH)) {
                    f *= 0.03;
                }
            }
            if (pilgrimageStopped()) {
                f *= 0.3;
            }
        }
        if ((kinds & ServiceProfile.TRAVEL) != 0) {
            int m = date.getMonthValue();
            if (m >= 6 && m <= 8) {
                f *= 1.5;
            }
            if ((hijriMonth == RAMADAN && hijriDay >= 15) || (hijriMonth == DHU_AL_QADAH && hijriDay >= 25)
                    || (hijriMonth == DHU_AL_HIJJAH && hijriDay <= 8)) {
                f *= 1.5;
            }
        }
        if ((kinds & ServiceProfile.PAYMENT) != 0) {
            f *= dom >= 27 ? 1.8 : dom <= 3 ? 1.3 : 0.88;
        }
        if ((kinds & ServiceProfile.TAX_RETURN) != 0) {
            int m = date.getMonthValue();
            boolean quarterFiling = m == 1 || m == 4 || m == 7 || m == 10;
            f *= quarterFiling && dom >= date.lengthOfMonth() - 9 ? 3.5 : 0.55;
        }
        if ((kinds & ServiceProfile.EDUCATION) != 0) {
            int m = date.getMonthValue();
            f *= (m == 8 && dom >= 10) || m == 9 ? 2.0 : (m == 6 || m == 7) ? 0.6 : 1.0;
        }
        return f;
    }
}
