package dev.jgan.nn.data;

import dev.jgan.core.Tensor;
import dev.jgan.core.random.Generator;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Cuts a {@link Dataset} into mini-batches, epoch by epoch, like PyTorch's {@code DataLoader}
 * with {@code batch_size}, {@code shuffle} and {@code drop_last}.
 *
 * <p>There is no hidden epoch counter: the caller asks for {@link #epoch(int) epoch(e)}, and
 * with shuffling on, its order depends only on the generator's seed and {@code e} (see
 * {@link PhiloxShuffle}). A training run that saved its epoch and batch index resumes with
 * {@code loader.epoch(e).batch(i)} and sees the batches it would have seen.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(dataset).batchSize(64).shuffle(new Generator(42)).dropLast(true).build();
 * for (int e = 0; e < epochs; e++) {
 *     for (Batch batch : loader.epoch(e)) { ... batch.images() ... batch.labels() ... }
 * }
 * }</pre>
 */
public final class DataLoader {
    private final Dataset dataset;
    private final int batchSize;
    /** The shuffle seed, or null to keep the data set's order. */
    private final Long seed;
    private final boolean dropLast;

    private DataLoader(Builder builder) {
        this.dataset = builder.dataset;
        this.batchSize = builder.batchSize;
        this.seed = builder.seed;
        this.dropLast = builder.dropLast;
    }

    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code size / batchSize}, rounded down with dropLast, else up. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** The batches of epoch {@code epoch} (counting from 0). */
    public Epoch epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("DataLoader: epoch must be >= 0, got " + epoch);
        }
        int n = dataset.size();
        int[] order = seed == null ? identity(n) : PhiloxShuffle.permutation(n, seed, epoch);
        return new Epoch(order);
    }

    private static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }

    /** One epoch's order, read as batches in sequence or by index. */
    public final class Epoch implements Iterable<Batch> {
        private final int[] order;

        private Epoch(int[] order) {
            this.order = order;
        }

        /** Number of batches, the same as {@link DataLoader#numBatches()}. */
        public int size() {
            return numBatches();
        }

        /** Batch {@code index} of this epoch: examples {@code order[index * B ..]}, gathered into one tensor. */
        public Batch batch(int index) {
            if (index < 0 || index >= size()) {
                throw new IndexOutOfBoundsException("DataLoader: batch " + index + " is out of range for an epoch of "
                        + size() + " batches");
            }
            int start = index * batchSize;
            int count = Math.min(batchSize, order.length - start);
            int[] imageShape = dataset.imageShape();
            int numel = dataset.imageNumel();
            float[] images = new float[Math.multiplyExact(count, numel)];
            int[] labels = new int[count];
            for (int b = 0; b < count; b++) {
                int example = order[start + b];
                dataset.copyImage(example, images, b * numel);
                labels[b] = dataset.label(example);
            }
            int[] shape = new int[imageShape.length + 1];
            shape[0] = count;
            System.arraycopy(imageShape, 0, shape, 1, imageShape.length);
            return new Batch(Tensor.fromArray(images, shape), labels);
        }

        @Override
        public Iterator<Batch> iterator() {
            return new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < size();
                }

                @Override
                public Batch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("DataLoader: epoch has only " + size() + " batches");
                    }
                    return batch(next++);
                }
            };
        }
    }

    /** Settings of a {@link DataLoader}; defaults: batch size 1, no shuffling, keep the last short batch. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 1;
        private Long seed; // null: no shuffling
        private boolean dropLast;

        private Builder(Dataset dataset) {
            this.dataset = dataset;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("DataLoader: batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Shuffle every epoch, seeded by {@code generator.seed()}. The generator's offset is
         * neither read nor advanced: each epoch has its own Philox counter range, so shuffling
         * does not change the noise a model draws from the same generator.
         */
        public Builder shuffle(Generator generator) {
            this.seed = generator.seed();
            return this;
        }

        /** Whether to drop a last batch smaller than the batch size (keeps every batch the same shape). */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
