package org.tahawul.ingest;

import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.Agency;
import org.tahawul.datasets.reference.Channel;
import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.Region;

import java.io.Serializable;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The contract's rules (DESIGN §3) for one parsed line, in plain Java: the first broken rule in
 * {@link RejectReason} order with its detail, the derived columns, and for a valid line the beneficiary
 * key, for a rejected one the raw text and detail masked. One instance per run (reference data, load
 * time, key); {@link #copy} gives each Spark task its own (the HMAC is not thread-safe).
 */
final class LineCheck implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final ZoneId RIYADH_ZONE = ZoneId.of(IngestTransforms.RIYADH);
    private static final ZoneRules RIYADH = RIYADH_ZONE.getRules();
    private static final long EARLIEST_SECOND = IngestTransforms.EARLIEST.getEpochSecond();
    /** How much of a rejected line's raw text and detail is kept ({@link #cut}). */
    static final int MAX_AUDIT_CHARS = 16_384;

    private final Set<String> agencies;
    /** The agency of each service (service codes are unique in the reference data). */
    private final Map<String, String> agencyOfService;
    private final Set<String> channels;
    private final Set<String> digital;
    private final Set<String> regions;
    private final Instant loadTime;
    /** The latest accepted ts, to the microsecond as Spark compared it. */
    private final long latestSecond;
    private final int latestNano;
    private final PseudonymKey key;
    private transient Map<Long, Date> months;
    /** The month {@link #month} gave last, and its bounds in epoch seconds (start inclusive, end exclusive). */
    private transient Date lastMonth;
    private transient long lastMonthStart;
    private transient long lastMonthEnd;

    LineCheck(ReferenceData reference, Instant loadTime, PseudonymKey key) {
        this.agencies = new HashSet<>(reference.agencies().stream().map(Agency::code).toList());
        this.agencyOfService = new HashMap<>();
        reference.services().forEach(s -> agencyOfService.put(s.code(), s.agencyCode()));
        this.channels = new HashSet<>(reference.channels().stream().map(Channel::code).toList());
        this.digital = new HashSet<>(reference.channels().stream().filter(Channel::digital).map(Channel::code).toList());
        this.regions = new HashSet<>(reference.regions().stream().map(Region::code).toList());
        this.loadTime = loadTime;
        Instant latest = loadTime.plus(Duration.ofDays(1));
        this.latestSecond = latest.getEpochSecond();
        this.latestNano = latest.getNano() / 1000 * 1000;
        this.key = key;
    }

    private LineCheck(LineCheck other) {
        this.agencies = other.agencies;
        this.agencyOfService = other.agencyOfService;
        this.channels = other.channels;
        this.digital = other.digital;
        this.regions = other.regions;
        this.loadTime = other.loadTime;
        this.latestSecond = other.latestSecond;
        this.latestNano = other.latestNano;
        this.key = other.key.copy();
    }

    /** A copy with its own HMAC instance. */
    LineCheck copy() {
        return new LineCheck(this);
    }

    /**
     * The sink row ({@link IngestTransforms#SINK_COLUMNS}) of one parsed line.
     *
     * @param fields the contract's fields, trimmed, null when absent or empty (not kept)
     */
    Object[] check(int fileIndex, String sourceFile, long lineNumber, String raw, String parseError,
                   String parseDetail, String[] fields) {
        String ts = fields[1];
        String channel = fields[4];
        String duration = fields[10];
        String rating = fields[11];
        Instant tsUtc = ts == null ? null : parseTimestamp(ts);
        RejectReason reason = parseError != null ? RejectReason.valueOf(parseError) : brokenRule(fields, tsUtc);

        Object[] out = new Object[IngestTransforms.SINK_COLUMNS.size()];
        out[0] = fileIndex;
        out[1] = sourceFile;
        out[2] = lineNumber;
        if (reason != null) {
            String beneficiaryId = fields[7];
            String detail = parseError != null ? parseDetail : detail(reason, fields, tsUtc);
            out[3] = reason.name();
            out[4] = cut(Masking.mask(detail, beneficiaryId));
            out[5] = cut(Masking.mask(raw == null ? "" : raw, beneficiaryId));
        }
        out[6] = fields[0];
        if (tsUtc != null) {
            out[7] = Timestamp.from(tsUtc);
            out[8] = month(tsUtc);
        }
        out[9] = fields[2];
        out[10] = fields[3];
        out[11] = channel;
        out[12] = channel != null && digital.contains(channel);
        out[13] = fields[5];
        out[14] = fields[6];
        out[15] = reason == null ? key.pseudonymise(fields[7]) : null;
        out[16] = fields[8];
        out[17] = fields[9];
        out[18] = duration != null && isDuration(duration) ? Long.valueOf(duration) : null;
        out[19] = rating != null && isRating(rating) ? Integer.valueOf(rating.charAt(0) - '0') : null;
        return out;
    }

    /**
     * The first rule of DESIGN §3 the fields break, in {@link RejectReason} order; null for a valid line. Only the
     * reason: its message ({@link #detail}) is written for the few lines that are rejected.
     */
    private RejectReason brokenRule(String[] fields, Instant tsUtc) {
        String eventId = fields[0];
        String event = fields[5];
        boolean rated = "rated".equals(event);
        if (missing(fields, rated) != null) {
            return RejectReason.MISSING_FIELD;
        } else if (eventId.length() > IngestTransforms.MAX_EVENT_ID_LENGTH
                && eventId.codePointCount(0, eventId.length()) > IngestTransforms.MAX_EVENT_ID_LENGTH) {
            return RejectReason.BAD_EVENT_ID;
        } else if (tsUtc == null || tsUtc.getEpochSecond() < EARLIEST_SECOND) {
            return RejectReason.BAD_TIMESTAMP;
        } else if (tsUtc.getEpochSecond() > latestSecond
                || tsUtc.getEpochSecond() == latestSecond && tsUtc.getNano() > latestNano) {
            return RejectReason.FUTURE_TIMESTAMP;
        }
        String agency = fields[2];
        String service = fields[3];
        String beneficiaryType = fields[8];
        String region = fields[9];
        String duration = fields[10];
        String rating = fields[11];
        String agencyOfThisService = agencyOfService.get(service);
        if (!agencies.contains(agency)) {
            return RejectReason.UNKNOWN_AGENCY;
        } else if (agencyOfThisService == null) {
            return RejectReason.UNKNOWN_SERVICE;
        } else if (!agencyOfThisService.equals(agency)) {
            return RejectReason.SERVICE_NOT_OF_AGENCY;
        } else if (!channels.contains(fields[4])) {
            return RejectReason.UNKNOWN_CHANNEL;
        } else if (!IngestTransforms.EVENT_TYPES.contains(event)) {
            return RejectReason.UNKNOWN_EVENT_TYPE;
        } else if (beneficiaryType != null && !IngestTransforms.BENEFICIARY_TYPES.contains(beneficiaryType)) {
            return RejectReason.BAD_BENEFICIARY_TYPE;
        } else if (region != null && !regions.contains(region)) {
            return RejectReason.UNKNOWN_REGION;
        } else if (duration != null && !isDuration(duration)) {
            return RejectReason.BAD_DURATION;
        } else if (rated && !isRating(rating)) {
            return RejectReason.BAD_RATING;
        } else if (!rated && rating != null) {
            return RejectReason.UNEXPECTED_RATING;
        }
        return null;
    }

    /** The message stored with a rule's rejection ({@link #brokenRule}), naming the offending value. */
    private String detail(RejectReason reason, String[] fields, Instant tsUtc) {
        String eventId = fields[0];
        String ts = fields[1];
        String event = fields[5];
        return switch (reason) {
            case MISSING_FIELD -> "missing: " + missing(fields, "rated".equals(event));
            case BAD_EVENT_ID -> "event_id has " + eventId.codePointCount(0, eventId.length())
                    + " characters; at most " + IngestTransforms.MAX_EVENT_ID_LENGTH;
            case BAD_TIMESTAMP -> tsUtc == null
                    ? "ts '" + ts + "' is not an ISO-8601 date and time with an offset "
                    + "(e.g. 2024-01-31T21:10:00+03:00 or ...Z), or names an impossible date or time"
                    : "ts '" + ts + "' is before 1970, outside the warehouse's date range";
            case FUTURE_TIMESTAMP -> "ts '" + ts + "' is more than one day after the load time " + loadTime;
            case UNKNOWN_AGENCY -> "agency '" + fields[2] + "' is not in the reference agencies";
            case UNKNOWN_SERVICE -> "service '" + fields[3] + "' is not in the reference services";
            case SERVICE_NOT_OF_AGENCY -> "service '" + fields[3] + "' does not belong to agency '" + fields[2] + "'";
            case UNKNOWN_CHANNEL -> "channel '" + fields[4] + "' is not one of the reference channels";
            case UNKNOWN_EVENT_TYPE -> "event '" + event + "' is not one of "
                    + String.join(", ", IngestTransforms.EVENT_TYPES);
            case BAD_BENEFICIARY_TYPE -> "beneficiary_type '" + fields[8] + "' is not one of "
                    + String.join(", ", IngestTransforms.BENEFICIARY_TYPES);
            case UNKNOWN_REGION -> "region '" + fields[9] + "' is not in the reference regions";
            case BAD_DURATION -> "duration_ms '" + fields[10] + "' is not an integer >= 0";
            case BAD_RATING -> "rating '" + fields[11] + "' is not an integer from 1 to 5";
            case UNEXPECTED_RATING -> "rating on a '" + event + "' event; only rated events carry one";
            default -> throw new IllegalArgumentException("not a rule of the checks: " + reason);
        };
    }

    /**
     * The audit text of a rejected line, at most {@link #MAX_AUDIT_CHARS} characters: a hostile 10 MB line would
     * otherwise be stored whole (twice, raw and in its detail) in rejected_records. Cut after masking.
     */
    static String cut(String text) {
        if (text.length() <= MAX_AUDIT_CHARS) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_AUDIT_CHARS - 1)) ? MAX_AUDIT_CHARS - 1 : MAX_AUDIT_CHARS;
        return text.substring(0, end) + "... (cut: " + text.length() + " characters in all)";
    }

    /** The required fields that are absent, comma-separated; null when none is. */
    private static String missing(String[] fields, boolean rated) {
        StringBuilder sb = null;
        for (int i = 0; i < 6; i++) {
            if (fields[i] == null) {
                sb = append(sb, IngestTransforms.FIELDS.get(i));
            }
        }
        if (fields[7] == null && !rated) {
            sb = append(sb, "beneficiary_id");
        }
        if (rated && fields[11] == null) {
            sb = append(sb, "rating");
        }
        return sb == null ? null : sb.toString();
    }

    private static StringBuilder append(StringBuilder sb, String name) {
        if (sb == null) {
            return new StringBuilder(name);
        }
        return sb.append(", ").append(name);
    }

    /** 1 to 18 ASCII digits. */
    static boolean isDuration(String s) {
        int n = s.length();
        if (n < 1 || n > 18) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** One digit from 1 to 5. */
    static boolean isRating(String s) {
        return s != null && s.length() == 1 && s.charAt(0) >= '1' && s.charAt(0) <= '5';
    }

    /**
     * The first day of the Riyadh calendar month of an instant, one shared Date per month. The lines of a file
     * are mostly of one month, so the last month's bounds (as epoch seconds) answer most calls.
     */
    private Date month(Instant instant) {
        long second = instant.getEpochSecond();
        if (lastMonth != null && second >= lastMonthStart && second < lastMonthEnd) {
            return lastMonth;
        }
        long day = Math.floorDiv(second + RIYADH.getOffset(instant).getTotalSeconds(), 86_400L);
        LocalDate first = LocalDate.ofEpochDay(day).withDayOfMonth(1);
        if (months == null) {
            months = new HashMap<>();
        }
        lastMonth = months.computeIfAbsent(first.toEpochDay(), d -> Date.valueOf(first));
        lastMonthStart = startOfDay(first);
        lastMonthEnd = startOfDay(first.plusMonths(1));
        return lastMonth;
    }

    /** The epoch second at which a Riyadh calendar day begins. */
    private static long startOfDay(LocalDate day) {
        return day.atStartOfDay(RIYADH_ZONE).toEpochSecond();
    }

    /**
     * {@code YYYY-MM-DDThh:mm[:ss[.f{1,9}]]} followed by {@code Z}, {@code ±hh}, {@code ±hhmm} or
     * {@code ±hh:mm}, naming a real date and time; the instant is cut to the microsecond (Spark's
     * precision). Null when the text is anything else.
     */
    static Instant parseTimestamp(String s) {
        int n = s.length();
        if (n < 17 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 2) || s.charAt(7) != '-'
                || !digits(s, 8, 2) || s.charAt(10) != 'T' || !digits(s, 11, 2) || s.charAt(13) != ':'
                || !digits(s, 14, 2)) {
            return null;
        }
        int i = 16;
        int second = 0;
        int nano = 0;
        if (s.charAt(i) == ':') {
            if (i + 3 > n || !digits(s, i + 1, 2)) {
                return null;
            }
            second = number(s, i + 1, 2);
            i += 3;
            if (i < n && s.charAt(i) == '.') {
                int start = ++i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                int count = i - start;
                if (count < 1 || count > 9) {
                    return null;
                }
                nano = number(s, start, Math.min(count, 6));
                for (int k = Math.min(count, 6); k < 9; k++) {
                    nano *= 10;
                }
            }
        }
        if (i >= n) {
            return null;
        }
        int offsetSeconds;
        char sign = s.charAt(i);
        if (sign == 'Z' && i + 1 == n) {
            offsetSeconds = 0;
        } else if ((sign == '+' || sign == '-') && digits(s, i + 1, 2)) {
            int hours = number(s, i + 1, 2);
            int minutes;
            int rest = n - (i + 3);
            if (rest == 0) {
                minutes = 0;
            } else if (rest == 2 && digits(s, i + 3, 2)) {
                minutes = number(s, i + 3, 2);
            } else if (rest == 3 && s.charAt(i + 3) == ':' && digits(s, i + 4, 2)) {
                minutes = number(s, i + 4, 2);
            } else {
                return null;
            }
            offsetSeconds = hours * 3600 + minutes * 60;
            if (minutes > 59 || offsetSeconds > 18 * 3600) { // ZoneOffset's range: -18:00 to +18:00
                return null;
            }
            offsetSeconds = sign == '+' ? offsetSeconds : -offsetSeconds;
        } else {
            return null;
        }
        int year = number(s, 0, 4);
        int month = number(s, 5, 2);
        int day = number(s, 8, 2);
        int hour = number(s, 11, 2);
        int minute = number(s, 14, 2);
        if (month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month) || hour > 23 || minute > 59
                || second > 59) {
            return null;
        }
        long epochSecond = epochDay(year, month, day) * 86_400L + hour * 3600 + minute * 60 + second - offsetSeconds;
        return Instant.ofEpochSecond(epochSecond, nano);
    }

    /**
     * The days from 1970-01-01 to a date of years 0 to 9999 (proleptic Gregorian), as {@link LocalDate#toEpochDay}
     * counts them. Plain arithmetic and tables rather than {@code LocalDateTime}: the parser runs for every line, and
     * the JIT recompiled it several times per run as branches met new kinds of dates (the first March, the first leap
     * year); LineCheckTest compares the two over every month length, leap rule, time and offset bound.
     */
    static long epochDay(int year, int month, int day) {
        long leapDaysBefore = (year + 3) / 4 - (year + 99) / 100 + (year + 399) / 400;
        return 365L * year + leapDaysBefore + DAYS_BEFORE_MONTH[LEAP[year]][month - 1] + day - 1 - DAYS_0000_TO_1970;
    }

    /** Days from 0000-01-01 to 1970-01-01. */
    private static final long DAYS_0000_TO_1970 = 719_528L;

    /** 1 for the leap years from 0 to 9999, else 0 (an index into the tables below). */
    private static final byte[] LEAP = new byte[10_000];

    static {
        for (int year = 0; year < LEAP.length; year++) {
            LEAP[year] = (byte) (java.time.Year.isLeap(year) ? 1 : 0);
        }
    }

    /** The days before each month, and the length of each month, in a common year and in a leap year. */
    private static final int[][] DAYS_BEFORE_MONTH = {
            {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334},
            {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335}};
    private static final int[][] MONTH_LENGTH = {
            {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31},
            {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}};

    /** The days of a month (1 to 12) of a year from 0 to 9999. */
    private static int lengthOfMonth(int year, int month) {
        return MONTH_LENGTH[LEAP[year]][month - 1];
    }

    private static boolean digits(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static int number(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            v = v * 10 + (s.charAt(i) - '0');
        }
        return v;
    }
}
