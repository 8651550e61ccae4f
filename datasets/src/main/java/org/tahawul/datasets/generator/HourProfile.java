package org.tahawul.datasets.generator;

/**
 * When in the (Riyadh) day people use a channel: digital use has a morning peak and a late evening
 * peak and runs past midnight in Ramadan; counters keep office hours (shorter in Ramadan); call
 * centres run from morning to late evening; API traffic follows business hours with a night batch.
 */
enum HourProfile {
    DIGITAL(
        new double[] {2.6, 1.6, 0.9, 0.5, 0.4, 0.6, 1.3, 2.6, 4.5, 6.0, 6.5, 6.5, 6.0, 5.5, 5.0, 4.8, 4.8, 5.0, 5.2, 5.8, 6.2, 6.4, 5.6, 4.1},
        new double[] {6.0, 5.2, 4.0, 2.6, 1.0, 0.5, 0.3, 0.3, 0.6, 1.5, 3.0, 4.0, 4.5, 4.5, 4.2, 4.0, 3.5, 2.5, 1.0, 2.5, 4.5, 6.0, 6.5, 6.5}),
    API(
        new double[] {1.0, 1.0, 3.0, 2.0, 0.6, 0.6, 1.0, 2.5, 5.0, 6.5, 7.0, 7.0, 6.5, 6.0, 5.5, 4.5, 3.5, 3.0, 2.5, 2.2, 2.0, 1.8, 1.5, 1.2},
        new double[] {2.0, 2.0, 3.0, 2.0, 0.6, 0.5, 0.5, 0.8, 1.5, 3.0, 5.5, 6.5, 6.5, 6.0, 5.0, 3.5, 2.0, 1.0, 0.8, 1.5, 2.5, 3.0, 3.0, 2.5}),
    KIOSK(
        new double[] {0.3, 0.1, 0, 0, 0, 0, 0.1, 0.8, 3.0, 5.0, 6.0, 6.0, 5.5, 5.0, 4.5, 4.0, 4.2, 4.8, 5.5, 6.0, 6.0, 5.5, 4.0, 1.5},
        new double[] {3.0, 2.0, 0.5, 0, 0, 0, 0, 0, 0.2, 1.0, 3.0, 4.0, 4.5, 4.5, 4.0, 3.0, 1.5, 0.5, 0.3, 2.0, 4.5, 6.0, 6.0, 5.0}),
    COUNTER(
        new double[] {0, 0, 0, 0, 0, 0, 0, 1.0, 6.0, 9.0, 10.0, 10.0, 8.0, 7.0, 3.0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0},
        new double[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 6.0, 9.0, 9.0, 8.0, 5.0, 0.5, 0, 0, 0, 0, 0, 0, 0, 0}),
    CALL_CENTRE(
        new double[] {0.2, 0.1, 0, 0, 0, 0, 0.2, 1.5, 5.0, 7.0, 7.5, 7.5, 7.0, 6.5, 6.0, 5.5, 5.5, 5.5, 5.5, 5.5, 5.0, 4.0, 2.5, 1.0},
        new double[] {1.5, 1.0, 0.3, 0, 0, 0, 0, 0, 0.5, 2.0, 5.0, 6.5, 7.0, 7.0, 6.5, 5.0, 3.5, 1.5, 0.5, 2.0, 4.5, 5.5, 5.0, 3.5});

    private final double[] normal;
    private final double[] ramadan;

    HourProfile(double[] normal, double[] ramadan) {
        this.normal = cumulative(normal);
        this.ramadan = cumulative(ramadan);
    }

    static HourProfile of(String channel) {
        return switch (channel) {
            case "api" -> API;
            case "kiosk" -> KIOSK;
            case "counter" -> COUNTER;
            case "call_center" -> CALL_CENTRE;
            default -> DIGITAL;
        };
    }

    /** A millisecond of the day drawn from the profile. */
    long millisOfDay(Rng rng, boolean ramadanHours) {
        int hour = rng.pick(ramadanHours ? ramadan : normal);
        return hour * 3_600_000L + (long) (rng.nextDouble() * 3_600_000.0);
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[24];
        double sum = 0;
        for (int i = 0; i < 24; i++) {
            sum += w[i];
            c[i] = sum;
        }
        return c;
    }
}
