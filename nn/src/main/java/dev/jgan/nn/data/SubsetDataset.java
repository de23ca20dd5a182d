package dev.jgan.nn.data;

/** A contiguous range of another data set's examples. */
final class SubsetDataset implements Dataset {
    private final Dataset base;
    private final int from;
    private final int size;

    SubsetDataset(Dataset base, int from, int to) {
        if (from < 0 || to > base.size() || from > to) {
            throw new IndexOutOfBoundsException("subset: range [" + from + ", " + to
                    + ") is not within a data set of " + base.size() + " examples");
        }
        this.base = base;
        this.from = from;
        this.size = to - from;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int[] imageShape() {
        return base.imageShape();
    }

    @Override
    public int label(int index) {
        return base.label(from + checkIndex(index));
    }

    @Override
    public void copyImage(int index, float[] dst, int dstOffset) {
        base.copyImage(from + checkIndex(index), dst, dstOffset);
    }

    private int checkIndex(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("subset: index " + index + " is out of range for " + size + " examples");
        }
        return index;
    }
}
