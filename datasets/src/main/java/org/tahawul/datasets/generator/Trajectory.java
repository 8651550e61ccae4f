package org.tahawul.datasets.generator;

/**
 * The digital maturity of one agency over the years, from 0 (nothing online) to 1 (every
 * service online, integrated): a logistic climb from {@code low} to {@code high} centred on
 * {@code midpoint}. Time is in years since 1 January 2019 on a fixed axis, so the same seed gives
 * the same agency history whatever {@code --from}/{@code --to} window is generated.
 */
record Trajectory(Archetype archetype, double low, double high, double midpoint, double steepness) {

    /** How an agency's transformation goes. */
    enum Archetype {
        /** Online early, climbs fast to full integration. */
        LEADER,
        /** Climbs steadily through the early 2020s. */
        STEADY,
        /** Starts low and catches up late. */
        LATE,
        /** Puts a few services online, then stalls. */
        STALLED
    }

    static Trajectory of(Archetype a, Rng r) {
        return switch (a) {
            case LEADER -> new Trajectory(a, r.uniform(0.4, 0.6), r.uniform(0.965, 1.0), r.uniform(0.6, 2.0), r.uniform(1.3, 2.0));
            case STEADY -> new Trajectory(a, r.uniform(0.2, 0.35), r.uniform(0.84, 0.96), r.uniform(2.0, 3.6), r.uniform(0.8, 1.3));
            case LATE -> new Trajectory(a, r.uniform(0.05, 0.15), r.uniform(0.8, 0.94), r.uniform(4.0, 5.5), r.uniform(1.2, 2.0));
            case STALLED -> new Trajectory(a, r.uniform(0.06, 0.18), r.uniform(0.3, 0.48), r.uniform(0.5, 2.0), r.uniform(1.0, 1.6));
        };
    }

    /** Maturity at {@code years} since 2019-01-01. */
    double maturity(double years) {
        return low + (high - low) / (1.0 + StrictMath.exp(-steepness * (years - midpoint)));
    }

    /** When maturity first reaches {@code level}: -inf when it was there from the start, +inf when never. */
    double yearReaching(double level) {
        if (level <= low) {
            return Double.NEGATIVE_INFINITY;
        }
        if (level >= high) {
            return Double.POSITIVE_INFINITY;
        }
        return midpoint - StrictMath.log((high - low) / (level - low) - 1.0) / steepness;
    }
}
