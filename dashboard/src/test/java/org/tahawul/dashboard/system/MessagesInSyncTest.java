package org.tahawul.dashboard.system;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** The Arabic and English message files have exactly the same keys, none empty. */
class MessagesInSyncTest {

    @Test
    void arabicAndEnglishHaveTheSameKeys() throws Exception {
        Properties english = load("messages.properties");
        Properties arabic = load("messages_ar.properties");
        assertThat(arabic.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
        assertThat(english.stringPropertyNames()).hasSizeGreaterThan(100);
        english.forEach((k, v) -> assertThat(v.toString()).as("English " + k).isNotBlank());
        arabic.forEach((k, v) -> assertThat(v.toString()).as("Arabic " + k).isNotBlank());
        assertThat(arabic.getProperty("nav.overview")).isEqualTo("نظرة عامة");
    }

    private static Properties load(String name) throws Exception {
        Properties p = new Properties();
        try (InputStream in = MessagesInSyncTest.class.getResourceAsStream("/" + name)) {
            assertThat(in).as(name).isNotNull();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }
}
