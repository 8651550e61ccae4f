package org.tahawul.datasets.generator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.ReferenceData;

/**
 * The raw log contract of DESIGN §3 as a test oracle: the reason a line is rejected (the first in
 * {@link RejectReason} order), or null for a valid line.
 */
final class ContractChecker {

    static final Set<String> EVENTS = Set.of("started", "completed", "failed", "abandoned", "rated");
    static final Set<String> BENEFICIARY_TYPES = Set.of("citizen", "resident", "business", "visitor");

    private final ReferenceData reference;
    private final Instant loadTime;

    ContractChecker(ReferenceData reference, Instant loadTime) {
        this.reference = reference;
        this.loadTime = loadTime;
    }

    RejectReason check(String line) {
        Object parsed;
        try {
            parsed = MiniJson.parse(line);
        } catch (IllegalArgumentException e) {
            return RejectReason.MALFORMED_LINE;
        }
        if (!(parsed instanceof Map<?, ?> raw)) {
            return RejectReason.NOT_AN_OBJECT;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> e = (Map<String, Object>) raw;
        for (String f : new String[] {"event_id", "ts", "agency", "service", "channel", "event"}) {
            if (missing(e, f)) {
                return RejectReason.MISSING_FIELD;
            }
        }
        String event = String.valueOf(e.get("event"));
        if ("rated".equals(event) ? missing(e, "rating") : missing(e, "beneficiary_id")) {
            return RejectReason.MISSING_FIELD;
        }
        if (!(e.get("event_id") instanceof String id) || id.length() > 64) {
            return RejectReason.BAD_EVENT_ID;
        }
        Instant ts;
        try {
            ts = OffsetDateTime.parse(String.valueOf(e.get("ts")), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException ex) {
            return RejectReason.BAD_TIMESTAMP;
        }
        if (ts.isAfter(loadTime.plusSeconds(86_400))) {
            return RejectReason.FUTURE_TIMESTAMP;
        }
        String agency = String.valueOf(e.get("agency"));
        String service = String.valueOf(e.get("service"));
        if (!reference.agencyExists(agency)) {
            return RejectReason.UNKNOWN_AGENCY;
        }
        if (!reference.serviceExists(service)) {
            return RejectReason.UNKNOWN_SERVICE;
        }
        if (!reference.serviceBelongsTo(service, agency)) {
            return RejectReason.SERVICE_NOT_OF_AGENCY;
        }
        if (!reference.channelExists(String.valueOf(e.get("channel")))) {
            return RejectReason.UNKNOWN_CHANNEL;
        }
        if (!EVENTS.contains(event)) {
            return RejectReason.UNKNOWN_EVENT_TYPE;
        }
        if (e.containsKey("beneficiary_type") && !BENEFICIARY_TYPES.contains(String.valueOf(e.get("beneficiary_type")))) {
            return RejectReason.BAD_BENEFICIARY_TYPE;
        }
        if (e.containsKey("region") && !reference.regionExists(String.valueOf(e.get("region")))) {
            return RejectReason.UNKNOWN_REGION;
        }
        if (e.containsKey("duration_ms")) {
            Long d = integer(e.get("duration_ms"));
            if (d == null || d < 0) {
                return RejectReason.BAD_DURATION;
            }
        }
        if ("rated".equals(event)) {
            Long r = integer(e.get("rating"));
            if (r == null || r < 1 || r > 5) {
                return RejectReason.BAD_RATING;
            }
        } else if (e.containsKey("rating")) {
            return RejectReason.UNEXPECTED_RATING;
        }
        return null;
    }

    private static boolean missing(Map<String, Object> e, String field) {
        Object v = e.get(field);
        return v == null || v == MiniJson.NULL || "".equals(v);
    }

    private static Long integer(Object v) {
        if (!(v instanceof BigDecimal d)) {
            return null;
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException notAnInteger) {
            return null;
        }
    }
}
