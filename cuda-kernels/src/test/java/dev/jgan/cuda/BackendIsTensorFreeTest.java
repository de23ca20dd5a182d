package dev.jgan.cuda;

import dev.jgan.core.backend.TensorFreeSources;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The CUDA backend's sources (the backend, its driver layer with the emulator, its memory) work
 * on core's {@code Operand}s and never see the user's tensor or its autograd state, as core's
 * own backend packages do. The tests beside this one make tensors freely: they are users.
 */
class BackendIsTensorFreeTest {

    @Test
    void noSourceOfTheCudaBackendRefersToTensorOrAutograd() {
        TensorFreeSources.assertTensorFree(Path.of("src/main/java/dev/jgan/cuda"), 20);
    }
}
