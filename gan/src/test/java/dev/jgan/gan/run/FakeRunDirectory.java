package dev.jgan.gan.run;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run directory written by hand, with the files a run leaves after {@code epochs} epochs, so
 * that report tests need no training. Every picture is a small gradient, a real PNG.
 */
final class FakeRunDirectory {
    private FakeRunDirectory() {
    }

    static Path create(Path dir, String data, List<Integer> epochs, long steps) throws IOException {
        Files.createDirectories(dir.resolve(RunDirectory.SAMPLES));
        Files.writeString(dir.resolve(RunDirectory.CONFIG), """
                {"model": "mlp", "data": "%s", "epochs": %d, "seed": 5, "lr": 2.0E-4}
                """.formatted(data.replace("\\", "\\\\").replace("\"", "\\\""), epochs.size()), StandardCharsets.UTF_8);
        StringBuilder csv = new StringBuilder(MetricsLog.HEADER).append('\n');
        int lastEpoch = epochs.isEmpty() ? 0 : epochs.get(epochs.size() - 1) - 1;
        for (long s = 0; s < steps; s++) {
            csv.append(s).append(',').append(lastEpoch).append(",1.3,0.7,0.55,0.45\n");
        }
        Files.writeString(dir.resolve(RunDirectory.METRICS), csv, StandardCharsets.UTF_8);
        for (int e : epochs) {
            png(new RunDirectory(dir).epochGrid(e), 34, 34);
        }
        png(dir.resolve(RunDirectory.LATEST_SAMPLES), 34, 34);
        png(dir.resolve(RunDirectory.LOSSES_CHART), 80, 50);
        png(dir.resolve(RunDirectory.PROBABILITIES_CHART), 80, 50);
        return dir;
    }

    static void summary(Path dir, long steps) throws IOException {
        Files.writeString(dir.resolve(RunDirectory.SUMMARY), """
                {"steps": %d, "epochsRun": 2, "secondsPerEpoch": 1.23456, "lastEpochDLoss": 1.3,
                 "lastEpochGLoss": "NaN", "lastEpochDReal": 0.55, "lastEpochDFake": 0.45}
                """.formatted(steps), StandardCharsets.UTF_8);
    }

    private static void png(Path file, int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8 | 128);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
