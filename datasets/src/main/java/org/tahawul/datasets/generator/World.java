package org.tahawul.datasets.generator;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.tahawul.datasets.reference.Agency;
import org.tahawul.datasets.reference.Channel;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.Service;

/**
 * The simulated country for one seed: every agency's maturity trajectory, when each service goes
 * online, the services' popularity and kinds, and the channels. {@link #plan(LocalDate)} turns it
 * into the demand of one day.
 */
final class World {

    static final LocalDate EPOCH = LocalDate.of(2019, 1, 1);
    static final long RIYADH_OFFSET_MS = 3 * 3_600_000L;
    static final long DAY_MS = 86_400_000L;

    private static final long STREAM_AGENCY = 1;
    private static final long STREAM_SERVICE = 2;
    private static final long STREAM_ARCHETYPES = 3;

    final ReferenceData reference;
    final ServiceProfile[] services;
    final Trajectory[] trajectories;
    /** Years since 2019 when each service goes online (may be -inf or +inf). */
    final double[] onlineYear;
    final String[] channelCodes;
    final boolean[] channelDigital;
    final HourProfile[] channelHours;
    final boolean anyDigitalChannel;
    final boolean anyInPersonChannel;

    World(ReferenceData reference, long seed) {
        this.reference = reference;
        List<Agency> agencies = reference.agencies();
        Map<String, Integer> agencyIndex = new HashMap<>();
        for (int i = 0; i < agencies.size(); i++) {
            agencyIndex.put(agencies.get(i).code(), i);
        }

        trajectories = new Trajectory[agencies.size()];
        Trajectory.Archetype[] archetypes = archetypes(agencies.size(), Rng.derive(seed, STREAM_ARCHETYPES, 0));
        for (int i = 0; i < agencies.size(); i++) {
            Rng r = Rng.derive(seed, STREAM_AGENCY, agencies.get(i).code().hashCode());
            trajectories[i] = Trajectory.of(archetypes[i], r);
        }

        List<Service> list = reference.services();
        services = new ServiceProfile[list.size()];
        onlineYear = new double[list.size()];
        for (int s = 0; s < list.size(); s++) {
            Service svc = list.get(s);
            Rng r = Rng.derive(seed, STREAM_SERVICE, svc.code().hashCode());
            double noise = StrictMath.exp(0.7 * r.nextGaussian());
            services[s] = new ServiceProfile(svc, s, agencyIndex.get(svc.agencyCode()), noise);
        }
        // within each agency, spread the services' online thresholds evenly: coverage follows maturity
        for (int a = 0; a < agencies.size(); a++) {
            List<ServiceProfile> own = new ArrayList<>();
            for (ServiceProfile p : services) {
                if (p.agencyIndex == a) {
                    own.add(p);
                }
            }
            Rng r = Rng.derive(seed, STREAM_SERVICE, -1 - a);
            int[] order = permutation(own.size(), r);
            for (int k = 0; k < own.size(); k++) {
                ServiceProfile p = own.get(order[k]);
                p.onlineThreshold = 0.02 + 0.97 * (k + r.uniform(0.15, 0.85)) / own.size();
                onlineYear[p.index] = trajectories[a].yearReaching(p.onlineThreshold);
            }
        }

        List<Channel> channels = reference.channels();
        channelCodes = new String[channels.size()];
        channelDigital = new boolean[channels.size()];
        channelHours = new HourProfile[channels.size()];
        boolean digital = false;
        boolean inPerson = false;
        for (int c = 0; c < channels.size(); c++) {
            channelCodes[c] = channels.get(c).code();
            channelDigital[c] = channels.get(c).digital();
            channelHours[c] = HourProfile.of(channelCodes[c]);
            digital |= channelDigital[c];
            inPerson |= !channelDigital[c];
        }
        anyDigitalChannel = digital;
        anyInPersonChannel = inPerson;
    }

    /** About 30 % leaders, 40 % steady, 15 % late and 15 % stalled agencies, at least one of each when there are four. */
    private static Trajectory.Archetype[] archetypes(int n, Rng r) {
        Trajectory.Archetype[] out = new Trajectory.Archetype[n];
        int[] order = permutation(n, r);
        int leaders = Math.max(1, (int) Math.round(n * 0.30));
        int stalled = n >= 4 ? Math.max(1, (int) Math.round(n * 0.15)) : 0;
        int late = n >= 4 ? Math.max(1, (int) Math.round(n * 0.15)) : 0;
        for (int k = 0; k < n; k++) {
            Trajectory.Archetype a;
            if (k < leaders) {
                a = Trajectory.Archetype.LEADER;
            } else if (k < leaders + stalled) {
                a = Trajectory.Archetype.STALLED;
            } else if (k < leaders + stalled + late) {
                a = Trajectory.Archetype.LATE;
            } else {
                a = Trajectory.Archetype.STEADY;
            }
            out[order[k]] = a;
        }
        return out;
    }

    private static int[] permutation(int n, Rng r) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    static double yearsSinceEpoch(LocalDate date) {
        return (date.toEpochDay() - EPOCH.toEpochDay()) / 365.25;
    }

    /** The share of an online service's transactions made digitally at a maturity, {@code yearsOnline} after launch. */
    static double adoption(double maturity, double yearsOnline) {
        double ceiling = 0.4 + 0.58 * maturity;
        double ramp = Double.isInfinite(yearsOnline) ? 1.0 : 1.0 - StrictMath.exp(-yearsOnline / 0.6);
        return ceiling * ramp;
    }

    /** Relative weight of a channel among its kind (digital or in person) at a time; business services use APIs more. */
    static double channelWeight(String code, double years, boolean business) {
        double t = Math.max(years, -1.0);
        return switch (code) {
            case "web" -> 1.0;
            case "mobile" -> 0.35 + 2.6 / (1.0 + StrictMath.exp(-(t - 2.8) / 0.9));
            case "api" -> business ? 0.3 * (1.0 + 0.1 * Math.max(t, 0)) : 0.02;
            case "kiosk" -> 0.05;
            case "counter" -> 1.0;
            case "call_center" -> 0.12 + 0.015 * Math.max(t, 0);
            default -> 0.1;
        };
    }

    DayPlan plan(LocalDate date) {
        SaudiCalendar cal = SaudiCalendar.of(date);
        double years = yearsSinceEpoch(date);
        long dayStart = date.toEpochDay() * DAY_MS - RIYADH_OFFSET_MS;

        int nc = channelCodes.length;
        double[] digital = new double[nc];
        double[] digitalBusiness = new double[nc];
        double[] inPerson = new double[nc];
        double inPersonBase = 0;
        double inPersonDay = 0;
        double sd = 0;
        double sdb = 0;
        double sp = 0;
        for (int c = 0; c < nc; c++) {
            String code = channelCodes[c];
            if (channelDigital[c]) {
                sd += channelWeight(code, years, false);
                sdb += channelWeight(code, years, true);
            } else {
                double w = channelWeight(code, years, false);
                double f = "call_center".equals(code) ? cal.callCentreFactor() : cal.counterFactor();
                inPersonBase += w;
                inPersonDay += w * f;
                sp += w * f;
            }
            digital[c] = sd;
            digitalBusiness[c] = sdb;
            inPerson[c] = sp;
        }
        double inPersonFactor = inPersonBase == 0 ? 0 : inPersonDay / inPersonBase;
        double digitalFactor = cal.digitalFactor();
        double growth = StrictMath.exp(0.065 * years);

        double[] maturity = new double[trajectories.length];
        for (int a = 0; a < trajectories.length; a++) {
            maturity[a] = trajectories[a].maturity(years);
        }
        int ns = services.length;
        double[] cum = new double[ns];
        double[] share = new double[ns];
        double total = 0;
        for (int s = 0; s < ns; s++) {
            ServiceProfile p = services[s];
            double adoption = 0;
            if (anyDigitalChannel && years >= onlineYear[s]) {
                adoption = adoption(maturity[p.agencyIndex], years - onlineYear[s]);
            }
            if (!anyInPersonChannel) {
                adoption = adoption > 0 ? 1.0 : 0.0;
            }
            double online = adoption * digitalFactor;
            double offline = (1.0 - adoption) * inPersonFactor;
            double demand = online + offline;
            double w = p.popularity * growth * cal.kindFactor(p.kinds) * demand;
            share[s] = demand > 0 ? online / demand : 0;
            total += w;
            cum[s] = total;
        }
        return new DayPlan(date, dayStart, cal, years, cum, share, maturity, digital, digitalBusiness, inPerson);
    }
}
