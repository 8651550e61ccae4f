package org.tahawul.datasets.generator;

/** One generated event; mutable and pooled by {@link DayBuffer} so a run allocates few objects. */
final class Event {

    static final byte STARTED = 0;
    static final byte COMPLETED = 1;
    static final byte FAILED = 2;
    static final byte ABANDONED = 3;
    static final byte RATED = 4;
    static final String[] TYPES = {"started", "completed", "failed", "abandoned", "rated"};

    /** How {@code ts} is written: +03:00 with milliseconds, Z with milliseconds, +03:00 whole seconds. */
    static final byte TS_RIYADH = 0;
    static final byte TS_UTC = 1;
    static final byte TS_RIYADH_SECONDS = 2;

    /** Instant, epoch milliseconds. */
    long ts;
    /** Run-wide creation number: the event_id is derived from it, and it breaks ties in ordering. */
    long seq;
    int service;
    int channel;
    byte type;
    byte tsStyle;
    /** Session number, or -1 for none. */
    long session;
    long beneficiary;
    byte beneficiaryType;
    boolean writeBeneficiary;
    boolean writeBeneficiaryType;
    /** Region index, or -1 for none. */
    int region;
    /** Milliseconds, or -1 for none. */
    long duration;
    /** 1..5, or 0 for none. */
    int rating;

    void copyFrom(Event o) {
        ts = o.ts;
        seq = o.seq;
        service = o.service;
        channel = o.channel;
        type = o.type;
        tsStyle = o.tsStyle;
        session = o.session;
        beneficiary = o.beneficiary;
        beneficiaryType = o.beneficiaryType;
        writeBeneficiary = o.writeBeneficiary;
        writeBeneficiaryType = o.writeBeneficiaryType;
        region = o.region;
        duration = o.duration;
        rating = o.rating;
    }
}
