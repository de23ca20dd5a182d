package dev.jgan.nn.data;

import dev.jgan.core.random.Generator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DataLoaderTest {

    /** n images of shape [1, 2, 3] filled with their index, labelled with their index. */
    private static TensorDataset indexed(int n) {
        float[] images = new float[n * 6];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            Arrays.fill(images, i * 6, (i + 1) * 6, i);
            labels[i] = i;
        }
        return TensorDataset.of(images, new int[] {1, 2, 3}, labels);
    }

    private static List<Integer> order(Iterable<Batch> batches) {
        List<Integer> seen = new ArrayList<>();
        for (Batch b : batches) {
            for (int label : b.labels()) {
                seen.add(label);
            }
        }
        return seen;
    }

    @Test
    void batchesHaveShapeBCHWAndImagesMatchLabels() {
        DataLoader loader = DataLoader.builder(indexed(10)).batchSize(4).shuffle(new Generator(1)).build();
        for (Batch b : loader.epoch(0)) {
            assertArrayEquals(new int[] {b.size(), 1, 2, 3}, b.images().shape());
            float[] values = b.images().toFloatArray();
            for (int k = 0; k < b.size(); k++) {
                for (int v = 0; v < 6; v++) {
                    assertEquals(b.labels()[k], values[k * 6 + v]);
                }
            }
        }
    }

    @Test
    void keepsTheShortLastBatchUnlessDropLast() {
        DataLoader keep = DataLoader.builder(indexed(10)).batchSize(4).build();
        assertEquals(3, keep.numBatches());
        assertEquals(List.of(4, 4, 2), sizes(keep.epoch(0)));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), order(keep.epoch(0)));

        DataLoader drop = DataLoader.builder(indexed(10)).batchSize(4).dropLast(true).build();
        assertEquals(2, drop.numBatches());
        assertEquals(List.of(4, 4), sizes(drop.epoch(0)));

        DataLoader exact = DataLoader.builder(indexed(8)).batchSize(4).dropLast(true).build();
        assertEquals(2, exact.numBatches());
        assertEquals(0, DataLoader.builder(indexed(3)).batchSize(4).dropLast(true).build().numBatches());
        assertEquals(1, DataLoader.builder(indexed(3)).batchSize(4).build().numBatches());
    }

    private static List<Integer> sizes(Iterable<Batch> batches) {
        List<Integer> sizes = new ArrayList<>();
        for (Batch b : batches) {
            sizes.add(b.size());
        }
        return sizes;
    }

    @Test
    void aShuffledEpochVisitsEveryExampleOnceInAnOrderSetBySeedAndEpoch() {
        DataLoader loader = DataLoader.builder(indexed(50)).batchSize(7).shuffle(new Generator(99)).build();
        List<Integer> epoch3 = order(loader.epoch(3));
        List<Integer> sorted = new ArrayList<>(epoch3);
        sorted.sort(null);
        assertEquals(order(DataLoader.builder(indexed(50)).batchSize(50).build().epoch(0)), sorted);

        DataLoader again = DataLoader.builder(indexed(50)).batchSize(7).shuffle(new Generator(99, 12345)).build();
        assertEquals(epoch3, order(again.epoch(3)), "the generator's offset must not matter");
        assertFalse(epoch3.equals(order(loader.epoch(4))));
        assertFalse(epoch3.equals(sorted));
        DataLoader otherSeed = DataLoader.builder(indexed(50)).batchSize(7).shuffle(new Generator(100)).build();
        assertFalse(epoch3.equals(order(otherSeed.epoch(3))));
    }

    @Test
    void resumingAtABatchGivesTheBatchesOfAnUninterruptedRun() {
        DataLoader loader = DataLoader.builder(indexed(30)).batchSize(4).shuffle(new Generator(7)).build();
        List<int[]> uninterrupted = new ArrayList<>();
        for (Batch b : loader.epoch(2)) {
            uninterrupted.add(b.labels());
        }
        DataLoader resumed = DataLoader.builder(indexed(30)).batchSize(4).shuffle(new Generator(7)).build();
        DataLoader.Epoch epoch = resumed.epoch(2);
        for (int i = 5; i < epoch.size(); i++) {
            assertArrayEquals(uninterrupted.get(i), epoch.batch(i).labels());
        }
    }

    @Test
    void shufflingLeavesTheGeneratorUntouched() {
        Generator gen = new Generator(3, 17);
        DataLoader.builder(indexed(5)).batchSize(2).shuffle(gen).build().epoch(0).batch(0);
        assertEquals(17, gen.offset());
    }

    @Test
    void misuseIsReported() {
        DataLoader loader = DataLoader.builder(indexed(5)).batchSize(2).build();
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> DataLoader.builder(indexed(5)).batchSize(0));
        assertEquals("DataLoader: batch size must be positive, got 0", size.getMessage());
        assertThrows(IllegalArgumentException.class, () -> loader.epoch(-1));
        IndexOutOfBoundsException range = assertThrows(IndexOutOfBoundsException.class, () -> loader.epoch(0).batch(3));
        assertEquals("DataLoader: batch 3 is out of range for an epoch of 3 batches", range.getMessage());
        Iterator<Batch> it = loader.epoch(0).iterator();
        it.next();
        it.next();
        it.next();
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void batchesOfATransformedDatasetHaveTheTransformedShape() {
        DataLoader loader = DataLoader.builder(indexed(6).map(new FlattenImage())).batchSize(4).build();
        assertArrayEquals(new int[] {4, 6}, loader.epoch(0).batch(0).images().shape());
        assertArrayEquals(new int[] {2, 6}, loader.epoch(0).batch(1).images().shape());
    }
}
