package com.marquee.trainer.evaluate;

import com.marquee.trainer.baselines.EaseScorer;
import java.util.Locale;

/** The models {@code scripts/evaluate.sh} compares. */
public enum ModelKind {
  /** Items by training popularity, the same list for every user ({@code PopularityScorer}). */
  POPULARITY("popularity"),
  /** Item-item cosine neighbourhoods ({@code ItemKnnScorer}). */
  ITEMKNN("itemknn"),
  /** RP3beta random-walk item-item model (Paudel et al. 2017), {@code Rp3BetaScorer}. */
  RP3BETA("rp3beta"),
  /** EASE (Steck 2019), {@link EaseScorer}. */
  EASE("ease"),
  /** Implicit ALS (Hu, Koren, Volinsky 2008), {@code IalsTrainer}. */
  IALS("ials"),
  /** Weighted sum of per-user standardized iALS, EASE, RP3beta scores ({@code BlendScorer}); weights on validation. */
  BLEND("blend");

  private final String cliName;

  ModelKind(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line and in reports. */
  public String cliName() {
    return cliName;
  }

  /** @throws IllegalArgumentException for an unknown name */
  public static ModelKind fromCliName(String name) {
    for (ModelKind m : values()) {
      if (m.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "unknown model '" + name + "': expected ials, ease, rp3beta, itemknn, popularity, blend or best");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
