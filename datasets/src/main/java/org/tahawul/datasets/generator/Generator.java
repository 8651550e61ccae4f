package org.tahawul.datasets.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.tahawul.datasets.contract.RejectReason;
import org.tahawul.datasets.reference.ReferenceData;

/**
 * Generates synthetic service-usage logs (DESIGN §3), one gzip JSON Lines file per Riyadh day.
 *
 * <p>Days are generated in order. The sessions that start on a day are drawn from the day's
 * {@link DayPlan}; their later events (a completion days after the application, a rating) wait in
 * the buffer of their own day, and a day's file is written, sorted by time, once no earlier day can
 * add to it. Every random draw comes from a stream derived from the seed and the day, so the same
 * flags give byte-identical files; bad lines and duplicates use their own stream, so a run with
 * {@code --bad-rate} keeps every valid event of the clean run except the ones it breaks.
 */
public final class Generator {

    private static final long STREAM_DAY = 10;
    private static final long STREAM_BAD = 11;
    private static final int FLUSH_BYTES = 1 << 20;
    private static final long PROGRESS_NANOS = 5_000_000_000L;
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int TODAY_SAMPLES = 64;
    private static final int PAST_SAMPLES = 512;
    private static final long MAX_DURATION_MS = 90L * World.DAY_MS;

    private final ReferenceData reference;
    private final GeneratorConfig config;
    private final World world;
    private final LineWriter writer;

    // run state
    private DayBuffer[] buffers;
    private final ArrayDeque<DayBuffer> freeBuffers = new ArrayDeque<>();
    private BeneficiaryPool pool;
    private long firstEpochDay;
    private int days;
    private long seq;
    private long sessions;
    private final ByteBuf out = new ByteBuf(FLUSH_BYTES + (64 << 10));
    private final Event scratch = new Event();

    // bad lines and duplicates
    private int nextUncovered;
    private final byte[][] todaySamples = new byte[TODAY_SAMPLES][];
    private int todayCount;
    private final byte[][] pastSamples = new byte[PAST_SAMPLES][];
    private int pastCount;

    // counts
    private long lines;
    private long goodLines;
    private long badLines;
    private long duplicates;
    private final EnumMap<Violation, Long> violations = new EnumMap<>(Violation.class);
    private final List<Path> files = new ArrayList<>();
    private long bytes;

    public Generator(ReferenceData reference, GeneratorConfig config) {
        this.reference = reference;
        this.config = config;
        this.world = new World(reference, config.seed());
        this.writer = new LineWriter(reference, world, config.seed());
    }

    /** Runs the generation; progress lines go to {@code progress} (null for none). */
    public GeneratorResult run(PrintStream progress) throws IOException {
        long t0 = System.nanoTime();
        Files.createDirectories(config.out());
        LocalDate first = config.from().atDay(1);
        LocalDate last = config.to().atEndOfMonth();
        firstEpochDay = first.toEpochDay();
        days = (int) (last.toEpochDay() - firstEpochDay + 1);
        buffers = new DayBuffer[days];
        pool = new BeneficiaryPool(reference.regions());

        // pass 1: the demand of every day, to share --events among them
        double[] cumulative = new double[days];
        double sum = 0;
        for (int d = 0; d < days; d++) {
            sum += world.plan(first.plusDays(d)).total();
            cumulative[d] = sum;
        }
        if (!(sum > 0)) {
            throw new IllegalStateException("the reference data gives no demand at all: it needs services and channels");
        }

        long nextProgress = t0 + PROGRESS_NANOS;
        long assignedBefore = 0;
        for (int d = 0; d < days; d++) {
            LocalDate date = first.plusDays(d);
            DayPlan plan = world.plan(date);
            long assigned = Math.round(config.events() * (cumulative[d] / sum));
            long target = assigned - assignedBefore;
            assignedBefore = assigned;
            Rng rng = Rng.derive(config.seed(), STREAM_DAY, date.toEpochDay());
            long made = 0;
            while (made < target) {
                made += session(plan, rng);
            }
            writeDay(d, plan);
            long now = System.nanoTime();
            if (progress != null && now >= nextProgress) {
                progress.printf(Locale.ROOT, "generate: %,d lines written, day %s (%d of %d), %.1f s%n",
                        lines, date, d + 1, days, (now - t0) / 1e9);
                nextProgress = now + PROGRESS_NANOS;
            }
        }
        if (progress != null) {
            noteStaleFiles(progress);
        }
        Map<RejectReason, Long> reasons = new EnumMap<>(RejectReason.class);
        violations.forEach((v, n) -> reasons.merge(v.reason(), n, Long::sum));
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new GeneratorResult(lines, goodLines, badLines, duplicates, violations, reasons, files, bytes, seconds);
    }

    // ---------------------------------------------------------------- sessions

    /** One beneficiary's use of one service; returns the number of events kept (inside the range). */
    private int session(DayPlan plan, Rng rng) {
        int s = rng.pick(plan.serviceCum);
        ServiceProfile p = world.services[s];
        boolean digital = plan.digitalShare[s] > 0 && rng.chance(plan.digitalShare[s]);
        double[] channels = digital ? (p.is(ServiceProfile.BUSINESS) ? plan.digitalChannelsBusiness : plan.digitalChannels)
                : plan.inPersonChannels;
        int channel = rng.pick(channels);
        int type = rng.pick(p.typeMix);
        pool.pick(type, rng);
        double m = plan.agencyMaturity[p.agencyIndex];
        boolean api = "api".equals(world.channelCodes[channel]);
        long start = plan.dayStart + world.channelHours[channel].millisOfDay(rng, plan.calendar.ramadanHours());
        double u = rng.nextDouble();
        byte style = u < (api ? 0.6 : 0.08) ? Event.TS_UTC : u > 0.96 ? Event.TS_RIYADH_SECONDS : Event.TS_RIYADH;

        Event e = scratch;
        e.service = s;
        e.channel = channel;
        e.tsStyle = style;
        e.beneficiary = pool.id;
        e.beneficiaryType = (byte) type;
        e.writeBeneficiaryType = !rng.chance(0.04);
        e.region = rng.chance(api ? 0.5 : 0.07) ? -1 : pool.region;
        e.writeBeneficiary = true;
        e.duration = -1;
        e.rating = 0;
        long sla = p.service.slaMillis();
        int kept = 0;
        if (digital) {
            e.session = sessions++;
            kept += emit(Event.STARTED, start);
            double outcome = rng.nextDouble();
            double complete = 0.62 + 0.30 * m;
            double fail = 0.09 - 0.06 * m;
            if (outcome < complete) {
                long duration = duration(sla, m, true, rng);
                e.duration = duration;
                long done = start + duration;
                kept += emit(Event.COMPLETED, done);
                if (rng.chance(0.24 + 0.14 * m)) {
                    kept += rate(done, m, true, duration > sla, rng);
                }
            } else if (outcome < complete + fail) {
                long when = sla >= World.DAY_MS ? start + (long) (sla * rng.uniform(0.05, 0.6))
                        : start + 3_000 + (long) rng.exponential(90_000);
                kept += emit(Event.FAILED, when);
            } else {
                kept += emit(Event.ABANDONED, start + 10_000 + (long) Math.min(rng.exponential(240_000), 7_200_000));
            }
        } else {
            e.session = -1;
            if (rng.chance(0.94)) {
                long duration = duration(sla, m, false, rng);
                e.duration = duration;
                kept += emit(Event.COMPLETED, start);
                if (rng.chance(0.18 + 0.06 * m)) {
                    kept += rate(start, m, false, duration > sla, rng);
                }
            } else {
                kept += emit(Event.FAILED, start);
            }
        }
        return kept;
    }

    private int rate(long completedAt, double maturity, boolean digital, boolean late, Rng rng) {
        Event e = scratch;
        double mean = 2.85 + 1.25 * maturity + (digital ? 0.35 : 0) - (late ? 0.8 : 0);
        long r = Math.round(mean + 0.95 * rng.nextGaussian());
        e.rating = (int) Math.max(1, Math.min(5, r));
        e.duration = -1;
        e.writeBeneficiary = rng.chance(0.3);
        int kept = emit(Event.RATED, completedAt + 10_000 + (long) Math.min(rng.exponential(360_000), 86_400_000));
        e.rating = 0;
        e.writeBeneficiary = true;
        return kept;
    }

    /** Around the SLA with a long tail: faster online and at mature agencies, capped at 8 × SLA and 90 days. */
    private static long duration(long sla, double maturity, boolean digital, Rng rng) {
        double median = sla * (digital ? 0.55 - 0.25 * maturity : 0.85 - 0.25 * maturity);
        double sigma = digital ? 0.75 : 0.6;
        double d = median * StrictMath.exp(sigma * rng.nextGaussian());
        return Math.max(1_000L, Math.min((long) d, Math.min(8 * sla, MAX_DURATION_MS)));
    }

    /** Appends a copy of the scratch event with {@code type} at {@code ts} to its day; 0 when the day is past the range. */
    private int emit(byte type, long ts) {
        int day = (int) (Math.floorDiv(ts + World.RIYADH_OFFSET_MS, World.DAY_MS) - firstEpochDay);
        if (day >= days) {
            seq++;
            return 0;
        }
        DayBuffer buffer = buffers[day];
        if (buffer == null) {
            buffer = freeBuffers.isEmpty() ? new DayBuffer() : freeBuffers.pop();
            buffers[day] = buffer;
        }
        Event e = buffer.add();
        e.copyFrom(scratch);
        e.type = type;
        e.ts = ts;
        e.seq = seq++;
        if (type != Event.COMPLETED) {
            e.duration = -1;
        }
        return 1;
    }

    // ---------------------------------------------------------------- files

    private void writeDay(int d, DayPlan plan) throws IOException {
        DayBuffer buffer = buffers[d];
        buffers[d] = null;
        Path target = config.out().resolve("events-" + plan.date + ".jsonl.gz");
        Path tmp = config.out().resolve(".events-" + plan.date + ".jsonl.gz.tmp");
        double badRate = config.badRate();
        Rng bad = badRate > 0 ? Rng.derive(config.seed(), STREAM_BAD, plan.date.toEpochDay()) : null;
        byte[] newline = bad != null && d % 5 == 3 ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
        out.clear();
        if (bad != null && d == 0) {
            out.put(BOM);
        }
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
            int n = buffer == null ? 0 : buffer.size();
            int[] order = n == 0 ? new int[0] : buffer.sortedOrder(plan.dayStart);
            for (int k = 0; k < n; k++) {
                Event e = buffer.get(order[k]);
                int start = out.size;
                if (bad != null && bad.chance(badRate)) {
                    Violation v = nextViolation(e, bad);
                    writer.write(out, e, v);
                    violations.merge(v, 1L, Long::sum);
                    badLines++;
                    out.put(newline);
                } else {
                    writer.write(out, e, null);
                    goodLines++;
                    out.put(newline);
                    if (bad != null) {
                        sample(out, start, bad);
                        if (bad.chance(badRate / 4)) {
                            duplicate(newline, bad);
                        }
                    }
                }
                lines++;
                if (bad != null && bad.chance(badRate / 10)) {
                    out.put(newline); // an empty line: accepted by the contract, not counted
                }
                if (out.size >= FLUSH_BYTES) {
                    gz.write(out.data, 0, out.size);
                    out.clear();
                }
            }
            gz.write(out.data, 0, out.size);
            out.clear();
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        files.add(target);
        bytes += Files.size(target);
        if (buffer != null) {
            buffer.clear();
            freeBuffers.push(buffer);
        }
        endOfDaySamples(bad);
    }

    /** Every violation once, in order, before any repeats; then at random. */
    private Violation nextViolation(Event e, Rng bad) {
        Violation[] all = Violation.values();
        Violation v = nextUncovered < all.length ? all[nextUncovered] : all[bad.nextInt(all.length)];
        if (!writer.supports(v, e)) {
            v = Violation.SERVICE_UNKNOWN;
        } else if (nextUncovered < all.length) {
            nextUncovered++;
        }
        return v;
    }

    /** Keeps a few valid lines of the day to repeat later in the same file or in a later one. */
    private void sample(ByteBuf b, int start, Rng bad) {
        if (bad.chance(0.125)) {
            byte[] line = b.copy(start, b.size);
            if (todayCount < TODAY_SAMPLES) {
                todaySamples[todayCount++] = line;
            } else {
                todaySamples[bad.nextInt(TODAY_SAMPLES)] = line;
            }
        }
    }

    private void duplicate(byte[] newline, Rng bad) {
        boolean fromPast = pastCount > 0 && (todayCount == 0 || bad.chance(0.5));
        byte[] line;
        if (fromPast) {
            line = pastSamples[bad.nextInt(pastCount)];
        } else if (todayCount > 0) {
            line = todaySamples[bad.nextInt(todayCount)];
        } else {
            return;
        }
        // a sample ends with the line end of its own file; repeat it with this file's line end
        int length = line.length;
        while (length > 0 && (line[length - 1] == '\n' || line[length - 1] == '\r')) {
            length--;
        }
        out.put(line, 0, length).put(newline);
        duplicates++;
        lines++;
    }

    private void endOfDaySamples(Rng bad) {
        if (bad == null) {
            return;
        }
        for (int i = 0; i < todayCount; i++) {
            if (pastCount < PAST_SAMPLES) {
                pastSamples[pastCount++] = todaySamples[i];
            } else {
                pastSamples[bad.nextInt(PAST_SAMPLES)] = todaySamples[i];
            }
            todaySamples[i] = null;
        }
        todayCount = 0;
    }

    private void noteStaleFiles(PrintStream progress) throws IOException {
        Set<Path> written = new HashSet<>(files);
        int stale = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(config.out(), "events-*.jsonl.gz")) {
            for (Path p : ds) {
                if (!written.contains(p)) {
                    stale++;
                }
            }
        }
        if (stale > 0) {
            progress.printf(Locale.ROOT, "note: %s also holds %d events files of days outside this run (left as they were)%n",
                    config.out(), stale);
        }
    }
}
