package dev.jgan.core.ops;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/ops.md is generated from the registry; this test fails when the committed file is stale,
 * and rewrites it when run with -Djgan.regenerateDocs=true.
 */
class OpsTableTest {

    @Test
    void committedOpsTableMatchesTheRegistry() throws IOException {
        Path file = repositoryRoot().resolve("docs/ops.md");
        String generated = OpsTable.markdown(OpInfos.all());
        if (Boolean.getBoolean("jgan.regenerateDocs")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        assertTrue(Files.exists(file), file + " is missing; generate it with: " + OpsTable.REGENERATE);
        assertEquals(generated, Files.readString(file, StandardCharsets.UTF_8),
                file + " differs from what the registry generates; regenerate it with: " + OpsTable.REGENERATE);
    }

    /** The directory holding core/ (Maven runs tests in core/, an IDE may run them from the root). */
    private static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("core/src"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("OpsTableTest: no directory containing core/src above "
                    + System.getProperty("user.dir"));
        }
        return dir;
    }
}
