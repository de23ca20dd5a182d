package dev.jgan.gan.models;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;

/**
 * DCGAN's generator (built by {@link Dcgan#generator}): noise [N, latentDim] in, images
 * [N, C, S, S] in [-1, 1] out. It views the noise as [N, latentDim, 1, 1] itself, so the
 * {@link Gan} record and the trainer, which draw [N, latentDim] noise for every model, need
 * nothing DCGAN-specific; pytorch/examples' [N, latentDim, 1, 1] noise is accepted too.
 */
public final class DcganGenerator extends Module {
    private final Dcgan.Config config;
    private final Sequential main;

    DcganGenerator(Dcgan.Config config, Sequential main) {
        this.config = config;
        this.main = registerModule("main", main);
    }

    @Override
    public Tensor forward(Tensor z) {
        int[] s = z.shape();
        boolean flat = s.length == 2 && s[1] == config.latentDim();
        boolean image = s.length == 4 && s[1] == config.latentDim() && s[2] == 1 && s[3] == 1;
        if (!flat && !image) {
            throw new IllegalArgumentException(config.name() + " generator: noise must be [N, " + config.latentDim()
                    + "] (or [N, " + config.latentDim() + ", 1, 1]); got " + Shape.format(s));
        }
        return main.forward(flat ? z.reshape(s[0], s[1], 1, 1) : z);
    }

    /** The layers, for printing shapes layer by layer. */
    public Sequential layers() {
        return main;
    }
}
