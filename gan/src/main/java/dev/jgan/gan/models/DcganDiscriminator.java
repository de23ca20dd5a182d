package dev.jgan.gan.models;

import dev.jgan.core.Shape;
import dev.jgan.core.Tensor;
import dev.jgan.nn.Module;
import dev.jgan.nn.Sequential;

import java.util.Arrays;

/**
 * DCGAN's discriminator (built by {@link Dcgan#discriminator}): images [N, C, S, S] in, one
 * logit each, [N, 1], out. The layers fit one image size only; any other is refused here, by
 * name, rather than deep inside a convolution or as a wrongly shaped output.
 */
public final class DcganDiscriminator extends Module {
    private final Dcgan.Config config;
    private final Sequential main;

    DcganDiscriminator(Dcgan.Config config, Sequential main) {
        this.config = config;
        this.main = registerModule("main", main);
    }

    @Override
    public Tensor forward(Tensor images) {
        int[] s = images.shape();
        int[] expected = config.imageShape();
        if (s.length != 4 || !Arrays.equals(Arrays.copyOfRange(s, 1, 4), expected)) {
            throw new IllegalArgumentException(config.name() + ": images must be " + Shape.format(expected) + "; got "
                    + (s.length == 4 ? Shape.format(Arrays.copyOfRange(s, 1, 4)) + hint(s) : "a batch of shape "
                    + Shape.format(s) + "; expected [N, C, H, W]"));
        }
        return main.forward(images).reshape(s[0], 1);
    }

    private String hint(int[] s) {
        if (s[1] != config.channels()) {
            return ": this discriminator was built for " + config.channels() + " channel(s)";
        }
        return ": pad or resize them first (nn.data.Pad or Resize; gan train does it with --image-size "
                + config.imageSize() + ")";
    }

    /** The layers, for printing shapes layer by layer. */
    public Sequential layers() {
        return main;
    }
}
