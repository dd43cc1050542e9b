package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Item cold start (new-item protocol): a share of the items, not of the interactions or users, is held
 * out. The distinct items of the interactions (movie ids ascending) are shuffled with {@code seed}; the
 * first {@code N = round(ratio * nItems)} (at least 1, at most {@code nItems - 1}) are held-out items,
 * and every interaction on them, of every user, is removed from the fit part. A model never sees a
 * held-out item; its vector has to come from content.
 *
 * @param fit interactions on the other items (what iALS is trained on)
 * @param heldOut every interaction on a held-out item
 * @param heldOutItems the held-out movie ids, ascending
 */
public record ItemHoldoutSplit(List<Interaction> fit, List<Interaction> heldOut, List<Long> heldOutItems) {

  /** Added to the seed for the validation carve, so it differs from the test split's draw. */
  static final long VALIDATION_SEED_OFFSET = 0x5EEDL;

  public ItemHoldoutSplit {
    fit = List.copyOf(fit);
    heldOut = List.copyOf(heldOut);
    heldOutItems = List.copyOf(heldOutItems);
  }

  /**
   * Splits {@code interactions} by item.
   *
   * @param ratio share of the distinct items held out, in (0, 1)
   * @throws IllegalArgumentException for a ratio outside (0, 1) or fewer than 2 distinct items
   */
  public static ItemHoldoutSplit of(List<Interaction> interactions, double ratio, long seed) {
    RandomPerUserSplit.checkRatio(ratio);
    List<Long> items = new ArrayList<>(new TreeSet<>(interactions.stream().map(Interaction::movieId).toList()));
    if (items.size() < 2) {
      throw new IllegalArgumentException("item-holdout needs at least 2 items with interactions, got " + items.size());
    }
    UserGroups.shuffle(items, new SplittableRandom(seed));
    int n = (int) Math.min(items.size() - 1, Math.max(1, Math.round(ratio * items.size())));
    Set<Long> held = new HashSet<>(items.subList(0, n));
    List<Interaction> fit = new ArrayList<>();
    List<Interaction> out = new ArrayList<>();
    for (Interaction i : interactions) {
      (held.contains(i.movieId()) ? out : fit).add(i);
    }
    return new ItemHoldoutSplit(fit, out, new ArrayList<>(new TreeSet<>(held)));
  }

  /**
   * The validation carve of this split: the same rule applied to {@link #fit} only (seed {@code seed +
   * }{@value #VALIDATION_SEED_OFFSET}), so choices made on it never see a held-out item.
   */
  public ItemHoldoutSplit validation(double ratio, long seed) {
    return of(fit, ratio, seed + VALIDATION_SEED_OFFSET);
  }
}
