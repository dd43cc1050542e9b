/**
 * JMH micro-benchmarks of the iALS inner loops on one thread ({@link IalsKernelsBenchmark}, run by
 * {@code scripts/bench-kernels.sh}): the Vector API kernels, the Gramian and whole row solves by conjugate
 * gradient and by Cholesky, at the ML-20M item-side shape. The code measured is common
 * {@code com.marquee.common.als} ({@code VectorKernels}, {@code IalsCgSolver}, {@code IalsSolver}).
 */
package com.marquee.benchmarks.kernels;
