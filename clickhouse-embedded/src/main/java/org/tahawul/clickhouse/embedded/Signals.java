package org.tahawul.clickhouse.embedded;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Keeps the JVM's own handlers for the crash signals while chDB boots.
 *
 * <p>chDB installs process-wide handlers for SIGSEGV, SIGBUS and friends. The JVM relies on its
 * own handlers for those (safepoints, implicit null checks), so with chDB's in place the JVM
 * dies under load. We save the JVM's handlers with {@code sigaction}, ask chDB not to install
 * its own, and restore the saved ones after the engine has started.
 */
final class Signals {

    /** SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGTSTP, SIGSYS on x86_64 Linux. */
    private static final int[] GUARDED = {4, 5, 6, 7, 8, 11, 20, 31};
    /** sizeof(struct sigaction) is 152 on x86_64 glibc; leave room. */
    private static final int SIGACTION_SIZE = 256;

    interface LibC extends Library {
        int sigaction(int signal, Pointer action, Pointer oldAction);
    }

    private final LibC libc = Native.load("c", LibC.class);
    private final Map<Integer, Memory> saved = new LinkedHashMap<>();

    static Signals save() {
        Signals signals = new Signals();
        for (int signal : GUARDED) {
            Memory old = new Memory(SIGACTION_SIZE);
            old.clear();
            if (signals.libc.sigaction(signal, null, old) == 0) {
                signals.saved.put(signal, old);
            }
        }
        return signals;
    }

    void restore() {
        saved.forEach((signal, action) -> libc.sigaction(signal, action, null));
    }
}
