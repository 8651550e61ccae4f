package org.tahawul.datasets.generator;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.tahawul.datasets.reference.Region;

/**
 * The people and businesses who use the services. A beneficiary keeps a realistic 10-digit
 * identifier and a home region and comes back: most transactions are by someone seen before.
 * Identifiers start with 1 (citizens' national ID), 2 (residents' iqama), 7 (a business's unified
 * 700 number) or 3 (a visitor's border number) and end with a Luhn check digit, as Saudi
 * identifiers do.
 */
final class BeneficiaryPool {

    private static final int[] PREFIX = {1, 2, 7, 3};
    private static final double[] RETURN_PROBABILITY = {0.62, 0.6, 0.8, 0.25};
    private static final int CAPACITY = 2_000_000;

    /** Population share of the regions (2022 census, rounded), matched by English name. */
    private static final String[][] POPULATION = {
        {"riyadh", "26.3"}, {"makkah", "25.1"}, {"mecca", "25.1"}, {"eastern", "16.0"}, {"sharq", "16.0"},
        {"madinah", "7.0"}, {"medina", "7.0"}, {"asir", "6.3"}, {"aseer", "6.3"}, {"jazan", "5.0"}, {"jizan", "5.0"},
        {"qassim", "4.2"}, {"qasim", "4.2"}, {"tabuk", "2.8"}, {"hail", "2.3"}, {"najran", "1.8"}, {"jawf", "1.9"},
        {"baha", "1.1"}, {"northern", "1.2"},
    };

    private final long[][] ids = new long[4][];
    private final int[][] regions = new int[4][];
    private final int[] sizes = new int[4];
    private final double[][] regionCum = new double[4][];

    /** The identifier and region of the last {@link #pick}. */
    long id;
    int region;

    BeneficiaryPool(List<Region> regionList) {
        int n = regionList.size();
        double[][] w = new double[4][n];
        for (int i = 0; i < n; i++) {
            String name = regionList.get(i).nameEn().toLowerCase(Locale.ROOT).replace("'", "").replace("-", "");
            double pop = 2.0;
            for (String[] row : POPULATION) {
                if (name.contains(row[0])) {
                    pop = Double.parseDouble(row[1]);
                    break;
                }
            }
            boolean holyCity = name.contains("makkah") || name.contains("mecca") || name.contains("madinah") || name.contains("medina");
            boolean economic = name.contains("riyadh") || name.contains("eastern") || name.contains("sharq") || name.contains("makkah");
            w[ServiceProfile.CITIZEN][i] = pop;
            w[ServiceProfile.RESIDENT][i] = economic ? pop * 1.4 : pop * 0.8;
            w[ServiceProfile.BUSINESS_TYPE][i] = economic ? pop * 1.6 : pop * 0.6;
            w[ServiceProfile.VISITOR][i] = holyCity ? pop * 10 : pop * 0.2;
        }
        for (int t = 0; t < 4; t++) {
            regionCum[t] = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += w[t][i];
                regionCum[t][i] = sum;
            }
            ids[t] = new long[1024];
            regions[t] = new int[1024];
        }
    }

    /** Picks a returning or new beneficiary of {@code type}; the result is in {@link #id} and {@link #region}. */
    void pick(int type, Rng rng) {
        int n = sizes[type];
        if (n > 0 && rng.chance(RETURN_PROBABILITY[type])) {
            double u = rng.nextDouble();
            int i = (int) (n * u * u); // heavy users come back far more often
            id = ids[type][i];
            region = regions[type][i];
            return;
        }
        id = newId(PREFIX[type], rng);
        region = regionCum[type].length == 0 ? -1 : rng.pick(regionCum[type]);
        int slot;
        if (n < CAPACITY) {
            if (n == ids[type].length) {
                ids[type] = Arrays.copyOf(ids[type], n * 2);
                regions[type] = Arrays.copyOf(regions[type], n * 2);
            }
            slot = n;
            sizes[type] = n + 1;
        } else {
            slot = rng.nextInt(CAPACITY);
        }
        ids[type][slot] = id;
        regions[type][slot] = region;
    }

    /** Prefix digit, 8 random digits and a Luhn check digit. */
    static long newId(int prefix, Rng rng) {
        long body = prefix * 100_000_000L + rng.nextInt(100_000_000);
        return body * 10 + luhnCheckDigit(body);
    }

    static int luhnCheckDigit(long body) {
        int sum = 0;
        boolean twice = true; // the rightmost body digit sits left of the check digit: it is doubled
        for (long v = body; v > 0; v /= 10) {
            int d = (int) (v % 10);
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
        }
        return (10 - sum % 10) % 10;
    }

    /** True when a 10-digit identifier passes the Luhn check. */
    static boolean luhnValid(String id) {
        int sum = 0;
        for (int i = 0; i < id.length(); i++) {
            int d = id.charAt(id.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
