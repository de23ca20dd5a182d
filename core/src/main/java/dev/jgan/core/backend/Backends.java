package dev.jgan.core.backend;

import dev.jgan.core.Device;
import dev.jgan.core.backend.cpu.CpuBackend;

import java.util.ServiceLoader;

/** Finds the backend for a device: the CPU one built in, others through ServiceLoader. */
public final class Backends {
    private static final CpuBackend CPU = new CpuBackend();

    private Backends() {
    }

    public static Backend cpu() {
        return CPU;
    }

    public static Backend forDevice(Device device) {
        if (device.type().equals("cpu")) {
            return CPU;
        }
        StringBuilder reasons = new StringBuilder();
        for (BackendProvider provider : ServiceLoader.load(BackendProvider.class)) {
            if (provider.deviceType().equals(device.type())) {
                var backend = provider.backend(device.index());
                if (backend.isPresent()) {
                    return backend.get();
                }
                reasons.append(provider.unavailableReason());
            }
        }
        throw new IllegalStateException("device " + device + " is not available"
                + (reasons.length() > 0 ? ": " + reasons : ": no backend for '" + device.type()
                + "' is on the class path"));
    }
}
