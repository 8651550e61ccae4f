package org.tahawul.datasets.generator;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.tahawul.datasets.reference.Service;

/**
 * What the generator assumes about a catalogued service, read from its category, English name and
 * code: its seasonal kind (Hajj, Umrah, visa, bill payment, ...), its base popularity and who uses
 * it (citizens, residents, businesses, visitors). Works for any catalogue: unknown words give an
 * ordinary citizen service.
 */
final class ServiceProfile {

    static final int HAJJ = 1;
    static final int UMRAH = 1 << 1;
    static final int VISA = 1 << 2;
    static final int TOURISM = 1 << 3;
    static final int TRAVEL = 1 << 4;
    static final int PAYMENT = 1 << 5;
    static final int TAX_RETURN = 1 << 6;
    static final int EDUCATION = 1 << 7;
    static final int BUSINESS = 1 << 8;
    static final int RESIDENCY = 1 << 9;

    /** Beneficiary types in the order of {@link #typeMix}. */
    static final String[] TYPES = {"citizen", "resident", "business", "visitor"};
    static final int CITIZEN = 0;
    static final int RESIDENT = 1;
    static final int BUSINESS_TYPE = 2;
    static final int VISITOR = 3;

    final Service service;
    final int index;
    final int agencyIndex;
    final int kinds;
    /** Base share of national demand before seasons and trend. */
    final double popularity;
    /** Cumulative weights of {@link #TYPES}. */
    final double[] typeMix;
    /** Maturity an agency needs before this service is offered online. */
    double onlineThreshold;

    ServiceProfile(Service service, int index, int agencyIndex, double popularityNoise) {
        this.service = service;
        this.index = index;
        this.agencyIndex = agencyIndex;
        String category = service.category().toLowerCase(Locale.ROOT);
        String name = (service.nameEn() + " " + service.code()).toLowerCase(Locale.ROOT).replace('_', '-');
        this.kinds = classify(category, name);
        this.popularity = categoryWeight(category, kinds) * slaWeight(service.slaMinutes()) * popularityNoise;
        this.typeMix = cumulative(typeMix(category, name, kinds));
    }

    boolean is(int kind) {
        return (kinds & kind) != 0;
    }

    static int classify(String category, String name) {
        Set<String> w = new HashSet<>(Arrays.asList(name.split("[^a-z0-9]+")));
        int k = 0;
        if (any(w, "hajj", "pilgrim", "pilgrims")) {
            k |= HAJJ;
        } else if (any(w, "umrah", "rawdah")) {
            k |= UMRAH;
        } else if (category.contains("hajj")) {
            k |= HAJJ;
        } else if (category.contains("umrah")) {
            k |= UMRAH;
        }
        if (any(w, "exit", "reentry") || (w.contains("re") && w.contains("entry"))) {
            k |= TRAVEL;
        } else if (category.contains("visa") || any(w, "visa", "visas", "evisa")) {
            k |= VISA;
        }
        if (category.contains("touris") || any(w, "tourist", "tourism", "evisa")) {
            k |= TOURISM;
        }
        if (category.contains("payment") || category.contains("bill")
                || any(w, "pay", "payment", "payments", "bill", "bills", "fee", "fees", "instalment", "installment", "sadad")) {
            k |= PAYMENT;
        }
        if ((category.contains("tax") || any(w, "vat", "zakat")) && w.contains("return")) {
            k |= TAX_RETURN;
        }
        if (category.contains("educat") || any(w, "school", "enrol", "enrolment", "enrollment")) {
            k |= EDUCATION;
        }
        if (category.contains("commerce") || category.contains("tax") || category.contains("business")
                || any(w, "employer", "company", "supplier", "tender", "invoice", "commercial", "investor", "customs",
                        "establishment", "saudization", "sme", "cr", "business")
                || (any(w, "licence", "license") && !any(w, "driving", "driver", "dl"))
                || (w.contains("work") && w.contains("permit"))) {
            k |= BUSINESS;
        }
        if (category.contains("residen") || any(w, "iqama", "resident", "residency")) {
            k |= RESIDENCY;
        }
        return k;
    }

    private static boolean any(Set<String> words, String... candidates) {
        for (String c : candidates) {
            if (words.contains(c)) {
                return true;
            }
        }
        return false;
    }

    private static double categoryWeight(String category, int kinds) {
        if ((kinds & PAYMENT) != 0) {
            return 5.0;
        }
        if ((kinds & UMRAH) != 0) {
            return 2.5;
        }
        if ((kinds & HAJJ) != 0) {
            return 0.8;
        }
        String[][] table = {
            {"health", "3.5"}, {"traffic", "2.6"}, {"residen", "2.4"}, {"labour", "2.0"}, {"labor", "2.0"},
            {"identity", "1.6"}, {"visa", "1.5"}, {"social", "1.4"}, {"insurance", "1.4"}, {"commerce", "1.1"},
            {"educat", "1.2"}, {"housing", "1.0"}, {"tax", "1.0"}, {"justice", "1.0"}, {"municipal", "0.8"},
            {"request", "0.45"}, {"touris", "0.3"}, {"other", "0.6"},
        };
        for (String[] row : table) {
            if (category.contains(row[0])) {
                return Double.parseDouble(row[1]);
            }
        }
        return 0.8;
    }

    /** Quick transactions (renewals, payments) happen far more often than long procedures (licences, cases). */
    private static double slaWeight(int slaMinutes) {
        if (slaMinutes <= 30) {
            return 1.6;
        }
        if (slaMinutes <= 240) {
            return 1.1;
        }
        if (slaMinutes <= 2880) {
            return 0.8;
        }
        return 0.45;
    }

    private static double[] typeMix(String category, String name, int kinds) {
        if ((kinds & (UMRAH | TOURISM)) != 0 && (kinds & BUSINESS) == 0) {
            return new double[] {0.35, 0.2, 0.0, 0.45};
        }
        if ((kinds & HAJJ) != 0) {
            return new double[] {0.55, 0.3, 0.0, 0.15};
        }
        if ((kinds & RESIDENCY) != 0 || (kinds & TRAVEL) != 0) {
            return new double[] {0.04, 0.92, 0.04, 0.0};
        }
        if ((kinds & VISA) != 0) {
            return new double[] {0.5, 0.33, 0.12, 0.05};
        }
        if ((kinds & BUSINESS) != 0) {
            return new double[] {0.15, 0.07, 0.78, 0.0};
        }
        if (category.contains("labo")) {
            return new double[] {0.4, 0.3, 0.3, 0.0};
        }
        return new double[] {0.74, 0.24, 0.02, 0.0};
    }

    private static double[] cumulative(double[] w) {
        double[] c = new double[w.length];
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            sum += w[i];
            c[i] = sum;
        }
        return c;
    }
}
