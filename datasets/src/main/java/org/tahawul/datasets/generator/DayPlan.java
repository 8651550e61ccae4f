package org.tahawul.datasets.generator;

import java.time.LocalDate;

/**
 * Everything that is fixed for one day: its calendar, how much each service is used, the share of
 * it done online, the agencies' maturity, the channel mix and the hours of the day.
 */
final class DayPlan {

    final LocalDate date;
    /** Riyadh midnight, epoch milliseconds. */
    final long dayStart;
    final SaudiCalendar calendar;
    /** Years since 2019-01-01. */
    final double years;
    /** Cumulative demand over services; the last entry is the day's total. */
    final double[] serviceCum;
    /** Probability that a transaction of the service is made on a digital channel (0 when not offered online). */
    final double[] digitalShare;
    final double[] agencyMaturity;
    /** Cumulative channel weights (over the reference channels) for digital, digital business, and in-person use. */
    final double[] digitalChannels;
    final double[] digitalChannelsBusiness;
    final double[] inPersonChannels;

    DayPlan(LocalDate date, long dayStart, SaudiCalendar calendar, double years, double[] serviceCum,
            double[] digitalShare, double[] agencyMaturity, double[] digitalChannels, double[] digitalChannelsBusiness,
            double[] inPersonChannels) {
        this.date = date;
        this.dayStart = dayStart;
        this.calendar = calendar;
        this.years = years;
        this.serviceCum = serviceCum;
        this.digitalShare = digitalShare;
        this.agencyMaturity = agencyMaturity;
        this.digitalChannels = digitalChannels;
        this.digitalChannelsBusiness = digitalChannelsBusiness;
        this.inPersonChannels = inPersonChannels;
    }

    double total() {
        return serviceCum.length == 0 ? 0 : serviceCum[serviceCum.length - 1];
    }
}
