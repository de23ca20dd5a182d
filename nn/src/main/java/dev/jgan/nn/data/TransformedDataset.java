package dev.jgan.nn.data;

import dev.jgan.core.Shape;

/** A data set whose images pass through a {@link Transform} as they are read. */
final class TransformedDataset implements Dataset {
    private final Dataset base;
    private final Transform transform;
    private final int[] baseShape;
    private final int[] shape;

    TransformedDataset(Dataset base, Transform transform) {
        this.base = base;
        this.transform = transform;
        this.baseShape = base.imageShape();
        // Computed now so that a transform that does not fit the images fails at map(), not mid-epoch.
        this.shape = transform.outputShape(baseShape);
    }

    @Override
    public int size() {
        return base.size();
    }

    @Override
    public int[] imageShape() {
        return shape.clone();
    }

    @Override
    public int label(int index) {
        return base.label(index);
    }

    @Override
    public void copyImage(int index, float[] dst, int dstOffset) {
        float[] source = new float[Shape.numel(baseShape)];
        base.copyImage(index, source, 0);
        transform.apply(baseShape, source, 0, dst, dstOffset);
    }
}
