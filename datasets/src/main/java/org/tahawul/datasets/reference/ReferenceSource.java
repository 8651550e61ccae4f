package org.tahawul.datasets.reference;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Where the reference CSV files are read from: a folder, or the copy shipped on the classpath. */
interface ReferenceSource {

    /** The classpath folder of the shipped copy inside the datasets jar. */
    String CLASSPATH_FOLDER = "tahawul/reference/";

    /** The bytes of a file, or null when the file does not exist. */
    byte[] read(String fileName) throws IOException;

    /** How a file is named in messages. */
    String describe(String fileName);

    static ReferenceSource folder(Path dir) {
        return new ReferenceSource() {
            @Override
            public byte[] read(String fileName) throws IOException {
                try {
                    return Files.readAllBytes(dir.resolve(fileName));
                } catch (NoSuchFileException e) {
                    return null;
                }
            }

            @Override
            public String describe(String fileName) {
                return dir.resolve(fileName).toString();
            }
        };
    }

    static ReferenceSource classpath(ClassLoader loader) {
        return new ReferenceSource() {
            @Override
            public byte[] read(String fileName) throws IOException {
                try (InputStream in = loader.getResourceAsStream(CLASSPATH_FOLDER + fileName)) {
                    return in == null ? null : in.readAllBytes();
                }
            }

            @Override
            public String describe(String fileName) {
                return "classpath:" + CLASSPATH_FOLDER + fileName;
            }
        };
    }
}
