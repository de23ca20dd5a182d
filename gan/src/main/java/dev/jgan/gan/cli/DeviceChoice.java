package dev.jgan.gan.cli;

import dev.jgan.core.Device;
import dev.jgan.core.backend.Backends;

/**
 * Resolves {@code --device}. The GPU backend is not part of the training path yet: {@code auto}
 * and {@code cpu} train on the CPU, and {@code cuda} fails with one clear line.
 */
final class DeviceChoice {
    private DeviceChoice() {
    }

    static Device check(String device) {
        return switch (device) {
            case "auto", "cpu" -> Device.CPU;
            case "cuda" -> {
                Backends.forDevice(Device.cuda(0));
                throw new IllegalArgumentException("--device cuda: training on the GPU is not wired into gan train yet;"
                        + " use --device cpu");
            }
            default -> throw new IllegalArgumentException("--device: unknown device '" + device + "'; expected auto, cpu or cuda");
        };
    }
}
