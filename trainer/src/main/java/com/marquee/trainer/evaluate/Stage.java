package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import com.marquee.trainer.data.StageData;
import java.util.List;

/**
 * One fit-then-evaluate step of a protocol: models are fitted on {@code fit}; every evaluated user
 * gets a full ranking of the catalog (the items of {@code fit}) computed from that user's {@code
 * history}, with the history items removed, and it is compared with the user's {@code heldOut} items.
 *
 * @param fit interactions the models are trained on
 * @param history what each evaluated user is known to have liked. For protocols that evaluate the
 *     training users ({@code newUsers == false}) this is {@code fit} itself; for strong
 *     generalization it is the fold-in part of users absent from {@code fit}
 * @param heldOut the interactions to predict; never in {@code fit} or {@code history}
 * @param newUsers true when the evaluated users are not in {@code fit} (their vectors, if the model
 *     has any, come from fold-in)
 * @param countUnrankable true when held-out interactions of evaluated users on items absent from
 *     {@code fit} count as relevant, never hit (fixed splits, BARS Recall); false drops them
 */
public record Stage(
    List<Interaction> fit, List<Interaction> history, List<Interaction> heldOut, boolean newUsers,
    boolean countUnrankable) {

  /** A stage whose held-out interactions on items outside {@code fit} are dropped (not counted). */
  public Stage(List<Interaction> fit, List<Interaction> history, List<Interaction> heldOut, boolean newUsers) {
    this(fit, history, heldOut, newUsers, false);
  }

  public Stage {
    fit = List.copyOf(fit);
    history = newUsers ? List.copyOf(history) : fit;
    heldOut = List.copyOf(heldOut);
  }

  /** A stage that evaluates the users of {@code fit} on {@code heldOut}, their history being {@code fit}. */
  public static Stage knownUsers(List<Interaction> fit, List<Interaction> heldOut) {
    return new Stage(fit, fit, heldOut, false);
  }

  /**
   * This stage as matrices ({@link StageData#of}).
   *
   * @throws IllegalArgumentException if {@code fit} is empty
   */
  public StageData data() {
    return StageData.of(fit, history, heldOut, newUsers, countUnrankable);
  }
}
