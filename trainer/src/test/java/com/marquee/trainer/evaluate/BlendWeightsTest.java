package com.marquee.trainer.evaluate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The blend's weight grid: steps 0..3 per part, normalised, each direction once. */
class BlendWeightsTest {

  @Test
  void twoPartsGiveNineDirectionsInEnumerationOrder() {
    List<double[]> w = Tuner.blendWeights(2);
    double[][] expected = {{0, 1}, {1, 0}, {0.5, 0.5}, {0.333333, 0.666667}, {0.25, 0.75}, {0.666667, 0.333333},
        {0.4, 0.6}, {0.75, 0.25}, {0.6, 0.4}};
    assertEquals(expected.length, w.size());
    for (int i = 0; i < expected.length; i++) {
      assertArrayEquals(expected[i], w.get(i), 1e-9);
    }
  }
}
