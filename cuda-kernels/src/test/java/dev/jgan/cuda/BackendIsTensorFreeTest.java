package dev.jgan.cuda;

import dev.jgan.core.backend.TensorFreeSources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CUDA backend's sources (the backend, its driver layer with the emulator, its memory) work
 * on core's {@code Operand}s and never see the user's tensor or its autograd state, as core's
 * own backend packages do. The tests beside this one make tensors freely: they are users.
 */
class BackendIsTensorFreeTest {
    private static final Path MAIN_SOURCES = Path.of("src/main/java/dev/jgan/cuda");

    @Test
    void noSourceOfTheCudaBackendRefersToTensorOrAutograd() {
        assertTrue(TensorFreeSources.countSources(MAIN_SOURCES) > 20,
                "expected the CUDA backend's sources under " + MAIN_SOURCES.toAbsolutePath());
        List<TensorFreeSources.Violation> found = TensorFreeSources.check(MAIN_SOURCES);
        assertTrue(found.isEmpty(), "kernels take dev.jgan.core.backend.Operand, never the Tensor; found:\n"
                + found.stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
}
