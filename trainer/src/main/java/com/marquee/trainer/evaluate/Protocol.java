package com.marquee.trainer.evaluate;

import java.util.Locale;

/** The evaluation protocols of {@code scripts/evaluate.sh}; docs/EVALUATION.md defines each exactly. */
public enum Protocol {
  /** {@link GlobalTimeSplit}: the pipeline's time split. */
  GLOBAL_TIME("global-time"),
  /** {@link LeaveLastOutSplit}: each user's latest interaction. */
  LEAVE_LAST_OUT("leave-last-out"),
  /** {@link RandomPerUserSplit}: a random share of each user's interactions. */
  RANDOM_PER_USER("random-per-user"),
  /** {@link UserHoldoutSplit}: held-out users with fold-in (strong generalization). */
  USER_HOLDOUT("user-holdout"),
  /** {@link ItemHoldoutSplit}: held-out items embedded by the content mapping ({@link ItemHoldoutEvaluation}). */
  ITEM_HOLDOUT("item-holdout");

  private final String cliName;

  Protocol(String cliName) {
    this.cliName = cliName;
  }

  /** The name on the command line and in reports, e.g. {@code leave-last-out}. */
  public String cliName() {
    return cliName;
  }

  /** @throws IllegalArgumentException for an unknown name (the message lists the valid ones) */
  public static Protocol fromCliName(String name) {
    for (Protocol p : values()) {
      if (p.cliName.equals(name.strip().toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown protocol '" + name + "': expected global-time, leave-last-out, random-per-user, user-holdout or "
            + "item-holdout");
  }

  @Override
  public String toString() {
    return cliName;
  }
}
