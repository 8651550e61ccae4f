package org.tahawul.datasets.contract;

/**
 * Why a raw log line breaks the contract of DESIGN §3. The names are stable codes: they are
 * stored in {@code rejected_records.reason}, shared by the ingest job, the generator's
 * {@code --bad-rate} lines and the tests. Add codes freely; never rename or change a meaning.
 *
 * <p>When a line breaks several rules, report the first of them in declaration order
 * (for example an unknown agency is reported as {@link #UNKNOWN_AGENCY}, not as
 * {@link #SERVICE_NOT_OF_AGENCY}).
 */
public enum RejectReason {
    MALFORMED_LINE("the line is not valid JSON (or a CSV row that cannot be parsed)"),
    NOT_AN_OBJECT("the line is valid JSON but not an object"),
    MISSING_FIELD("a required field is absent, null or empty (event_id, ts, agency, service, channel, event; beneficiary_id except on rated; rating on rated)"),
    BAD_EVENT_ID("event_id is longer than 64 characters or not a string"),
    BAD_TIMESTAMP("ts is not an ISO-8601 timestamp with an offset, or names an impossible date or time"),
    FUTURE_TIMESTAMP("ts lies more than one day after the load time"),
    UNKNOWN_AGENCY("agency is not a code of the reference agencies"),
    UNKNOWN_SERVICE("service is not a code of the reference services"),
    SERVICE_NOT_OF_AGENCY("service exists but belongs to another agency than the line's agency"),
    UNKNOWN_CHANNEL("channel is not one of web, mobile, api, kiosk, counter, call_center of the reference channels"),
    UNKNOWN_EVENT_TYPE("event is not one of started, completed, failed, abandoned, rated"),
    BAD_BENEFICIARY_TYPE("beneficiary_type is present but not one of citizen, resident, business, visitor"),
    UNKNOWN_REGION("region is present but not a code of the reference regions"),
    BAD_DURATION("duration_ms is present but not an integer >= 0"),
    BAD_RATING("rating on a rated event is not an integer from 1 to 5"),
    UNEXPECTED_RATING("rating is present on an event other than rated");

    private final String description;

    RejectReason(String description) {
        this.description = description;
    }

    /** One line of English saying what the code means. */
    public String description() {
        return description;
    }
}
