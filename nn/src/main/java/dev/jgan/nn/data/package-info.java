/**
 * Data sets, transforms and mini-batches.
 *
 * <ul>
 *   <li>{@link dev.jgan.nn.data.Dataset}: indexed labelled images; {@link dev.jgan.nn.data.TensorDataset}
 *       keeps them in memory as one {@code float[]} block.</li>
 *   <li>Loaders return images as float32 in [0, 1] with shape {@code [C, H, W]}:
 *       {@link dev.jgan.nn.data.Digits} (embedded 8x8 digits, the default),
 *       {@link dev.jgan.nn.data.FashionMnist} and {@link dev.jgan.nn.data.Mnist} (IDX files),
 *       {@link dev.jgan.nn.data.Cifar10} (binary batches). A bad file fails with a
 *       {@link dev.jgan.nn.data.DataFileException} that names it and says what is wrong.</li>
 *   <li>{@link dev.jgan.nn.data.Transform}s ({@link dev.jgan.nn.data.Pad}, {@link dev.jgan.nn.data.Resize},
 *       {@link dev.jgan.nn.data.Normalize}, {@link dev.jgan.nn.data.FlattenImage}) run lazily through
 *       {@link dev.jgan.nn.data.Dataset#map}, e.g. for a DCGAN on Fashion-MNIST:
 *       {@code FashionMnist.load(true).map(Pad.uniform(2, 0f).andThen(Normalize.toTanhRange(1)))}.</li>
 *   <li>{@link dev.jgan.nn.data.DataLoader} cuts an epoch into {@code [B, C, H, W]} batches in an
 *       order that depends only on the seed and the epoch number.</li>
 * </ul>
 */
package dev.jgan.nn.data;
