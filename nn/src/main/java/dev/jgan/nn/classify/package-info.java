/**
 * Image classifiers built from the nn layers, and what other modules need from them: the MLP
 * and CNN of chapter 4 ({@link dev.jgan.nn.classify.Classifiers}, named configurations in
 * {@link dev.jgan.nn.classify.Architecture}), their test accuracy
 * ({@link dev.jgan.nn.classify.Evaluation}), weight files that name their architecture
 * ({@link dev.jgan.nn.classify.ClassifierWeights}, including the digits and Fashion-MNIST CNNs shipped in the jar)
 * and the penultimate-layer features that GAN metrics compare
 * ({@link dev.jgan.nn.classify.PenultimateFeatures}).
 */
package dev.jgan.nn.classify;
