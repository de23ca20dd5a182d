package dev.jgan.tutorials.evaluation;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;
import dev.jgan.gan.models.Gan;
import dev.jgan.gan.models.MlpGan;
import dev.jgan.gan.train.GanTrainer;
import dev.jgan.nn.data.Batch;
import dev.jgan.nn.data.DataLoader;
import dev.jgan.nn.data.TensorDataset;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The MLP GAN of {@code gan train} (gan.py's networks, Adam 2e-4 / 0.5) trained on the training
 * digits, with n samples drawn from the same fixed noise before training and after each of the
 * budget's epoch counts: one run, scored at several points, so that the only thing that changes
 * between its rows of the table is how long it trained.
 */
final class DigitsGan {
    static final int BATCH_SIZE = 64;

    /** Samples before training, and after each epoch count of the budget (in order). */
    record Snapshots(Tensor untrained, Map<Integer, Tensor> afterEpochs, double secondsPerEpoch) {
    }

    private DigitsGan() {
    }

    static Snapshots train(TensorDataset training, Budget budget) {
        int[] s = training.imageShape();
        Gan gan = MlpGan.build(100, s[0], s[1], s[2], new Generator(budget.seed()));
        GanTrainer trainer = new GanTrainer(gan, GanTrainer.Options.paper(), new Generator(budget.seed() + 1));
        DataLoader loader = DataLoader.builder(training).batchSize(BATCH_SIZE)
                .shuffle(new Generator(budget.seed() + 2)).dropLast(true).build();
        Tensor noise = gan.noise(new Generator(budget.seed() + 3), budget.n());

        Tensor untrained = gan.sample(noise);
        Map<Integer, Tensor> after = new LinkedHashMap<>();
        long started = System.nanoTime();
        int next = 0;
        for (int epoch = 0; epoch < budget.lastEpoch(); epoch++) {
            for (Batch batch : loader.epoch(epoch)) {
                trainer.step(batch.images());
            }
            if (epoch + 1 == budget.epochs()[next]) {
                after.put(epoch + 1, gan.sample(noise));
                next++;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Snapshots(untrained, after, seconds / budget.lastEpoch());
    }
}
