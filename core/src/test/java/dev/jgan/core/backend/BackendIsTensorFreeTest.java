package dev.jgan.core.backend;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Core's backend packages ({@code dev.jgan.core.backend} and every package under it) never see
 * the user's tensor or its autograd state: kernels take {@link Operand}s. This keeps core free of
 * the old Tensor -> ops -> backend -> Tensor import cycle.
 */
class BackendIsTensorFreeTest {
    @Test
    void noBackendSourceRefersToTensorOrAutograd() {
        TensorFreeSources.assertTensorFree(Path.of("src/main/java/dev/jgan/core/backend"), 20);
    }

    @Test
    void everyKindOfReferenceIsFoundAndProseIsNot() {
        List<String> lines = List.of(
                "import dev.jgan.core.Tensor;",
                "import dev.jgan.core.autograd.GradMode;",
                "import dev.jgan.core.*;",
                "    void fill(dev.jgan.core.Tensor out, double value);",
                " * Writes bypass {@link Tensor#version()}.",
                " * See {@linkplain Tensor the tensor}.",
                " * @see Tensor",
                " * ({@code Tensor.zeros} fills explicitly): a mention, not a reference.",
                "import dev.jgan.core.DType;",
                "    void fill(Operand out, double value);");
        List<TensorFreeSources.Violation> found = TensorFreeSources.check("Planted.java", lines);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), found.stream().map(TensorFreeSources.Violation::line).toList(),
                found.toString());
        assertEquals("Planted.java:1: refers to dev.jgan.core.Tensor: import dev.jgan.core.Tensor;",
                found.get(0).toString());
    }
}
