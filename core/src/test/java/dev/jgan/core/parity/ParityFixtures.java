package dev.jgan.core.parity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.jgan.core.Shape;
import org.junit.jupiter.api.Named;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Reads the fixture files under {@code src/test/resources/pytorch/} and checks that each is
 * whole before a test trusts it: a truncated or hand-edited file fails with its name, not as a
 * puzzling numeric mismatch.
 */
final class ParityFixtures {
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private ParityFixtures() {
    }

    /** The cases of one group, each named by its case name so that test reports show it. */
    static Stream<Named<ParityCase>> named(String group) {
        return load(group).cases().stream().map(c -> Named.of(c.name(), c));
    }

    static FixtureFile load(String group) {
        String resource = "/pytorch/" + group + ".json";
        FixtureFile file;
        try (InputStream in = ParityFixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + ": fixture file not found on the test classpath;"
                        + " regenerate with /usr/bin/python3 pytorch/make_core_fixtures.py");
            }
            file = JSON.readValue(in, FixtureFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": cannot read fixture file: " + e.getMessage(), e);
        }
        check(resource, group, file);
        return file;
    }

    private static void check(String resource, String group, FixtureFile file) {
        if (!group.equals(file.group())) {
            throw new IllegalStateException(resource + ": says it holds group '" + file.group() + "', expected '"
                    + group + "'");
        }
        if (file.torchVersion() == null || file.torchVersion().isBlank()) {
            throw new IllegalStateException(resource + ": no torch_version; the file was not written by the script");
        }
        if (file.cases() == null || file.cases().isEmpty()) {
            throw new IllegalStateException(resource + ": holds no cases");
        }
        for (ParityCase c : file.cases()) {
            String where = resource + ", case " + c.name();
            c.type();
            checkTensor(where + ", output", c.output());
            checkTensor(where + ", grad_output", c.gradOutput());
            if (!Arrays.equals(c.output().shape(), c.gradOutput().shape())) {
                throw new IllegalStateException(where + ": grad_output shape " + Shape.format(c.gradOutput().shape())
                        + " differs from output shape " + Shape.format(c.output().shape()));
            }
            for (FixtureInput input : c.inputs()) {
                checkTensor(where + ", input " + input.name(), input.value());
                if (input.grad() != null) {
                    checkTensor(where + ", gradient of " + input.name(), input.grad());
                    if (!Arrays.equals(input.value().shape(), input.grad().shape())) {
                        throw new IllegalStateException(where + ": gradient of " + input.name() + " has shape "
                                + Shape.format(input.grad().shape()) + ", the input "
                                + Shape.format(input.value().shape()));
                    }
                }
            }
        }
    }

    private static void checkTensor(String where, FixtureTensor t) {
        if (t == null || t.shape() == null || t.values() == null) {
            throw new IllegalStateException(where + ": missing shape or values");
        }
        if (Shape.numel(t.shape()) != t.values().length) {
            throw new IllegalStateException(where + ": " + t.values().length + " values for shape "
                    + Shape.format(t.shape()) + " (" + Shape.numel(t.shape()) + " elements)");
        }
    }
}
