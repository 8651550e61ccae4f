package org.tahawul.dashboard.system;

import java.util.Locale;

/** The Arabic or English name of a thing, by the reader's language (Arabic unless English). */
public final class Names {

    private Names() {
    }

    public static String pick(Locale locale, String arabic, String english) {
        return isEnglish(locale) ? english : arabic;
    }

    public static boolean isEnglish(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
