package org.tahawul.datasets.generator;

/**
 * SplitMix64: a small, fast, splittable generator whose output depends only on its seed, so the
 * generator's files are byte-identical for the same flags on any JVM. Streams for independent
 * purposes (a day's sessions, a day's bad lines, an agency's trajectory) are derived from the
 * run's seed and a stream key, never from the order in which they are asked for.
 * Non-integer maths uses {@link StrictMath}, whose results are the same on every platform.
 */
final class Rng {

    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    Rng(long seed) {
        this.state = seed;
    }

    /** A stream for {@code (seed, a, b)}: different keys give unrelated streams. */
    static Rng derive(long seed, long a, long b) {
        return new Rng(mix64(mix64(seed ^ mix64(a + GOLDEN)) + b * GOLDEN));
    }

    /** The SplitMix64 finaliser: a bijection of 64-bit values that scrambles every bit. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN;
        return mix64(state);
    }

    /** Uniform in [0, 1). */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * nextDouble();
    }

    /** Uniform in [0, bound), bound > 0. */
    int nextInt(int bound) {
        return (int) (((nextLong() >>> 32) * bound) >>> 32);
    }

    boolean chance(double p) {
        return nextDouble() < p;
    }

    /** Standard normal (Box–Muller with StrictMath). */
    double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1;
        do {
            u1 = nextDouble();
        } while (u1 <= 0x1.0p-53);
        double u2 = nextDouble();
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double theta = 2.0 * Math.PI * u2;
        spareGaussian = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /** Exponential with the given mean. */
    double exponential(double mean) {
        return -mean * StrictMath.log(1.0 - nextDouble());
    }

    /** Index drawn from cumulative weights {@code cum[0..n)} (last entry is the total). */
    int pick(double[] cum, int n) {
        double x = nextDouble() * cum[n - 1];
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cum[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    int pick(double[] cum) {
        return pick(cum, cum.length);
    }
}
