package com.marquee.pipelines.io;

import com.marquee.common.movielens.RatingRow;
import com.marquee.common.movielens.Reject;
import com.marquee.common.preprocess.SplitCuts;
import java.util.List;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviderRegistrar;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * The default Beam coders of the plain records {@code common} shares with the trainer ({@link
 * RatingRow}, {@link Reject}, {@link SplitCuts}): those records cannot carry {@code @DefaultCoder}
 * because {@code common} has no Beam on its classpath. Beam finds this registrar through {@link
 * java.util.ServiceLoader} ({@code META-INF/services/org.apache.beam.sdk.coders.CoderProviderRegistrar}),
 * so every pipeline, on every runner, infers the same deterministic coders as before the move.
 */
public final class MarqueeCoders implements CoderProviderRegistrar {

  @Override
  public List<CoderProvider> getCoderProviders() {
    return List.of(
        CoderProviders.forCoder(TypeDescriptor.of(RatingRow.class), RatingRowCoder.of()),
        CoderProviders.forCoder(TypeDescriptor.of(Reject.class), RejectCoder.of()),
        CoderProviders.forCoder(TypeDescriptor.of(SplitCuts.class), SplitCutsCoder.of()));
  }
}
