package org.tahawul.datasets.generator;

import org.tahawul.datasets.contract.RejectReason;

/**
 * The ways {@code --bad-rate} breaks a line, each breaking exactly one rule of DESIGN §3, with the
 * {@link RejectReason} the ingest job must report for it.
 */
public enum Violation {
    EVENT_ID_MISSING(RejectReason.MISSING_FIELD),
    EVENT_ID_EMPTY(RejectReason.MISSING_FIELD),
    EVENT_ID_TOO_LONG(RejectReason.BAD_EVENT_ID),
    TS_MISSING(RejectReason.MISSING_FIELD),
    TS_WITHOUT_OFFSET(RejectReason.BAD_TIMESTAMP),
    TS_IMPOSSIBLE_DATE(RejectReason.BAD_TIMESTAMP),
    TS_IN_FUTURE(RejectReason.FUTURE_TIMESTAMP),
    AGENCY_UNKNOWN(RejectReason.UNKNOWN_AGENCY),
    SERVICE_UNKNOWN(RejectReason.UNKNOWN_SERVICE),
    SERVICE_OF_OTHER_AGENCY(RejectReason.SERVICE_NOT_OF_AGENCY),
    CHANNEL_UNKNOWN(RejectReason.UNKNOWN_CHANNEL),
    EVENT_TYPE_UNKNOWN(RejectReason.UNKNOWN_EVENT_TYPE),
    BENEFICIARY_ID_MISSING(RejectReason.MISSING_FIELD),
    BENEFICIARY_TYPE_BAD(RejectReason.BAD_BENEFICIARY_TYPE),
    REGION_UNKNOWN(RejectReason.UNKNOWN_REGION),
    DURATION_NEGATIVE(RejectReason.BAD_DURATION),
    DURATION_NOT_INTEGER(RejectReason.BAD_DURATION),
    RATING_MISSING(RejectReason.MISSING_FIELD),
    RATING_ZERO(RejectReason.BAD_RATING),
    RATING_SIX(RejectReason.BAD_RATING),
    RATING_NOT_INTEGER(RejectReason.BAD_RATING),
    RATING_ON_OTHER_EVENT(RejectReason.UNEXPECTED_RATING),
    MALFORMED_JSON(RejectReason.MALFORMED_LINE),
    NOT_AN_OBJECT(RejectReason.NOT_AN_OBJECT);

    private final RejectReason reason;

    Violation(RejectReason reason) {
        this.reason = reason;
    }

    /** The reason code the ingest job reports for such a line. */
    public RejectReason reason() {
        return reason;
    }
}
