package org.tahawul.datasets.generator;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Predicate;

import org.tahawul.datasets.reference.ReferenceData;
import org.tahawul.datasets.reference.Region;
import org.tahawul.datasets.reference.Service;

/**
 * Writes an event as one JSON line with exactly the field names of DESIGN §3, straight into bytes
 * (no JSON library, no per-event Strings), or as a line that breaks one rule on purpose.
 */
final class LineWriter {

    private static final byte[] K_EVENT_ID = key("event_id");
    private static final byte[] K_TS = key("ts");
    private static final byte[] K_AGENCY = key("agency");
    private static final byte[] K_SERVICE = key("service");
    private static final byte[] K_CHANNEL = key("channel");
    private static final byte[] K_EVENT = key("event");
    private static final byte[] K_SESSION_ID = key("session_id");
    private static final byte[] K_BENEFICIARY_ID = key("beneficiary_id");
    private static final byte[] K_BENEFICIARY_TYPE = key("beneficiary_type");
    private static final byte[] K_REGION = key("region");
    private static final byte[] K_DURATION = key("duration_ms");
    private static final byte[] K_RATING = key("rating");
    private static final byte[][] EVENT_TYPES = literals(Event.TYPES);
    private static final byte[][] BENEFICIARY_TYPES = literals(ServiceProfile.TYPES);
    private static final byte[] RIYADH = "+03:00".getBytes(StandardCharsets.US_ASCII);

    /** The year of {@link Violation#TS_IN_FUTURE}: a leap year, so 29 February stays a valid date. */
    static final int FUTURE_YEAR = 2196;
    static final String UNKNOWN_CHANNEL = "fax";
    static final String UNKNOWN_EVENT_TYPE = "submitted";
    static final String BAD_BENEFICIARY_TYPE = "expat";

    private final byte[][] serviceCode;
    private final byte[][] agencyOfService;
    private final byte[][] unknownServiceCode;
    /** A service of another agency for each service, or -1 when the catalogue has one agency. */
    private final int[] otherAgencyService;
    private final byte[][] channelCode;
    private final byte[][] regionCode;
    private final byte[] unknownAgency;
    private final byte[] unknownRegion;
    private final long idKey;
    private final long sessionKey;

    private long cachedDay = Long.MIN_VALUE;
    private final byte[] cachedDate = new byte[10];

    LineWriter(ReferenceData ref, World world, long seed) {
        List<Service> services = ref.services();
        int n = services.size();
        serviceCode = new byte[n][];
        agencyOfService = new byte[n][];
        unknownServiceCode = new byte[n][];
        otherAgencyService = new int[n];
        for (int s = 0; s < n; s++) {
            Service svc = services.get(s);
            serviceCode[s] = literal(svc.code());
            agencyOfService[s] = literal(svc.agencyCode());
            String unknown = svc.code() + "-X";
            while (ref.serviceExists(unknown)) {
                unknown += "X";
            }
            unknownServiceCode[s] = literal(unknown);
            otherAgencyService[s] = -1;
            for (int k = 1; k < n; k++) {
                Service o = services.get((s + k * 7) % n);
                if (!o.agencyCode().equals(svc.agencyCode())) {
                    otherAgencyService[s] = (s + k * 7) % n;
                    break;
                }
            }
            if (otherAgencyService[s] < 0) {
                for (int k = 0; k < n; k++) {
                    if (!services.get(k).agencyCode().equals(svc.agencyCode())) {
                        otherAgencyService[s] = k;
                        break;
                    }
                }
            }
        }
        channelCode = literals(world.channelCodes);
        List<Region> regions = ref.regions();
        regionCode = new byte[regions.size()][];
        for (int r = 0; r < regions.size(); r++) {
            regionCode[r] = literal(regions.get(r).code());
        }
        unknownAgency = literal(firstUnknown(List.of("MOX", "GOV-X", "AGENCY-404", "XX"), ref::agencyExists));
        unknownRegion = literal(firstUnknown(List.of("SA-99", "SA-00", "XX-99", "REGION-404"), ref::regionExists));
        idKey = Rng.mix64(seed ^ 0x5EED1DL);
        sessionKey = Rng.mix64(seed ^ 0x5E5510L);
    }

    private static String firstUnknown(List<String> candidates, Predicate<String> exists) {
        for (String c : candidates) {
            if (!exists.test(c)) {
                return c;
            }
        }
        String c = candidates.get(0);
        while (exists.test(c)) {
            c += "X";
        }
        return c;
    }

    /** The event_id of the event created {@code seq}-th: 16 hex digits, unique within a run (a bijection of seq). */
    long eventId(long seq) {
        return Rng.mix64(seq + idKey);
    }

    long sessionId(long session) {
        return Rng.mix64(session + sessionKey);
    }

    /** True when the violation can be written for this catalogue (a service of another agency needs two agencies). */
    boolean supports(Violation v, Event e) {
        return v != Violation.SERVICE_OF_OTHER_AGENCY || otherAgencyService[e.service] >= 0;
    }

    /** Writes the event as a valid line (v == null) or breaking the rule of {@code v}; no line end. */
    void write(ByteBuf b, Event e, Violation v) {
        if (v == Violation.NOT_AN_OBJECT) {
            writeArray(b, e);
            return;
        }
        int lineStart = b.size;
        byte type = e.type;
        if (v != null) {
            switch (v) {
                case RATING_MISSING, RATING_ZERO, RATING_SIX, RATING_NOT_INTEGER -> type = Event.RATED;
                case DURATION_NEGATIVE, DURATION_NOT_INTEGER -> type = Event.COMPLETED;
                case BENEFICIARY_ID_MISSING, RATING_ON_OTHER_EVENT, EVENT_TYPE_UNKNOWN -> {
                    if (type == Event.RATED) {
                        type = Event.COMPLETED;
                    }
                }
                default -> {
                }
            }
        }
        b.put('{');
        // event_id
        if (v != Violation.EVENT_ID_MISSING) {
            b.put(K_EVENT_ID).put('"');
            if (v == Violation.EVENT_ID_TOO_LONG) {
                long id = eventId(e.seq);
                for (int i = 0; i < 5; i++) {
                    b.hex16(Rng.mix64(id + i));
                }
            } else if (v != Violation.EVENT_ID_EMPTY) {
                b.hex16(eventId(e.seq));
            }
            b.put('"');
        }
        // ts
        if (v != Violation.TS_MISSING) {
            comma(b).put(K_TS).put('"');
            writeTimestamp(b, e.ts, e.tsStyle, v);
            b.put('"');
        }
        int service = e.service;
        if (v == Violation.SERVICE_OF_OTHER_AGENCY) {
            service = otherAgencyService[e.service];
        }
        comma(b).put(K_AGENCY).put(v == Violation.AGENCY_UNKNOWN ? unknownAgency : agencyOfService[e.service]);
        comma(b).put(K_SERVICE).put(v == Violation.SERVICE_UNKNOWN ? unknownServiceCode[e.service] : serviceCode[service]);
        comma(b).put(K_CHANNEL);
        if (v == Violation.CHANNEL_UNKNOWN) {
            b.put('"').ascii(UNKNOWN_CHANNEL).put('"');
        } else {
            b.put(channelCode[e.channel]);
        }
        comma(b).put(K_EVENT);
        if (v == Violation.EVENT_TYPE_UNKNOWN) {
            b.put('"').ascii(UNKNOWN_EVENT_TYPE).put('"');
        } else {
            b.put(EVENT_TYPES[type]);
        }
        if (e.session >= 0) {
            comma(b).put(K_SESSION_ID).put('"').hex16(sessionId(e.session)).put('"');
        }
        boolean rated = type == Event.RATED && v != Violation.EVENT_TYPE_UNKNOWN;
        boolean beneficiary = rated ? e.writeBeneficiary : v != Violation.BENEFICIARY_ID_MISSING;
        if (beneficiary) {
            comma(b).put(K_BENEFICIARY_ID).put('"').number(e.beneficiary).put('"');
        }
        if (v == Violation.BENEFICIARY_TYPE_BAD) {
            comma(b).put(K_BENEFICIARY_TYPE).put('"').ascii(BAD_BENEFICIARY_TYPE).put('"');
        } else if (e.writeBeneficiaryType) {
            comma(b).put(K_BENEFICIARY_TYPE).put(BENEFICIARY_TYPES[e.beneficiaryType]);
        }
        if (v == Violation.REGION_UNKNOWN) {
            comma(b).put(K_REGION).put(unknownRegion);
        } else if (e.region >= 0) {
            comma(b).put(K_REGION).put(regionCode[e.region]);
        }
        if (type == Event.COMPLETED && v != Violation.EVENT_TYPE_UNKNOWN) {
            long d = e.duration >= 0 ? e.duration : 90_000L;
            if (v == Violation.DURATION_NEGATIVE) {
                comma(b).put(K_DURATION).number(-Math.max(d, 1));
            } else if (v == Violation.DURATION_NOT_INTEGER) {
                comma(b).put(K_DURATION).number(d).ascii(".5");
            } else if (e.duration >= 0) {
                comma(b).put(K_DURATION).number(d);
            }
        }
        int rating = e.rating > 0 ? e.rating : 4;
        if (rated) {
            if (v == Violation.RATING_ZERO) {
                comma(b).put(K_RATING).put('0');
            } else if (v == Violation.RATING_SIX) {
                comma(b).put(K_RATING).put('6');
            } else if (v == Violation.RATING_NOT_INTEGER) {
                comma(b).put(K_RATING).number(Math.min(rating, 4)).ascii(".5");
            } else if (v != Violation.RATING_MISSING) {
                comma(b).put(K_RATING).number(rating);
            }
        } else if (v == Violation.RATING_ON_OTHER_EVENT) {
            comma(b).put(K_RATING).number(rating);
        }
        b.put('}');
        if (v == Violation.MALFORMED_JSON) {
            // a writer that died mid-line: the object is cut inside a value and never closed
            b.size = lineStart + (b.size - lineStart) * 3 / 5;
        }
    }

    private void writeArray(ByteBuf b, Event e) {
        b.put('[').put('"').hex16(eventId(e.seq)).put('"').put(',').put('"');
        writeTimestamp(b, e.ts, e.tsStyle, null);
        b.put('"').put(',').put(agencyOfService[e.service]).put(',').put(serviceCode[e.service])
                .put(',').put(channelCode[e.channel]).put(',').put(EVENT_TYPES[e.type]).put(']');
    }

    private static ByteBuf comma(ByteBuf b) {
        if (b.data[b.size - 1] != '{') {
            b.put(',');
        }
        return b;
    }

    /** ISO-8601: Riyadh time with +03:00 (with or without milliseconds) or UTC with Z, or a broken form. */
    void writeTimestamp(ByteBuf b, long ts, byte style, Violation v) {
        boolean utc = style == Event.TS_UTC && v == null;
        long local = utc ? ts : ts + World.RIYADH_OFFSET_MS;
        long day = Math.floorDiv(local, World.DAY_MS);
        long msOfDay = local - day * World.DAY_MS;
        if (day != cachedDay) {
            LocalDate d = LocalDate.ofEpochDay(day);
            ByteBuf tmp = new ByteBuf(10);
            tmp.padded(d.getYear(), 4).put('-').padded(d.getMonthValue(), 2).put('-').padded(d.getDayOfMonth(), 2);
            System.arraycopy(tmp.data, 0, cachedDate, 0, 10);
            cachedDay = day;
        }
        if (v == Violation.TS_IMPOSSIBLE_DATE) {
            b.put(cachedDate, 0, 5).ascii("02-30");
        } else if (v == Violation.TS_IN_FUTURE) {
            b.number(FUTURE_YEAR).put(cachedDate, 4, 6);
        } else {
            b.put(cachedDate);
        }
        int ms = (int) msOfDay;
        b.put('T').padded(ms / 3_600_000, 2).put(':').padded(ms / 60_000 % 60, 2).put(':').padded(ms / 1000 % 60, 2);
        if (style != Event.TS_RIYADH_SECONDS || v == Violation.TS_WITHOUT_OFFSET) {
            b.put('.').padded(ms % 1000, 3);
        }
        if (v == Violation.TS_WITHOUT_OFFSET) {
            return;
        }
        if (utc) {
            b.put('Z');
        } else {
            b.put(RIYADH);
        }
    }

    private static byte[] key(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.US_ASCII);
    }

    /** A JSON string literal with quotes, UTF-8, escaped. */
    static byte[] literal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] literals(String[] values) {
        byte[][] out = new byte[values.length][];
        for (int i = 0; i < values.length; i++) {
            out[i] = literal(values[i]);
        }
        return out;
    }
}
