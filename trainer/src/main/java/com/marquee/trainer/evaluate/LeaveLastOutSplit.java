package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Leave-last-out: every user with at least two interactions has exactly one held out, the latest
 * one: the largest timestamp, ties broken by the largest movie_id (a deterministic stand-in for
 * "entered last": the processed interactions no longer carry the file line). Users with a single
 * interaction stay whole on the training side. Protocol of e.g. He et al., "Neural Collaborative
 * Filtering", WWW 2017 (without its sampled negatives: we rank the full catalog).
 */
public final class LeaveLastOutSplit {

  /** Order in which "last" is decided: timestamp, then movie_id. */
  static final Comparator<Interaction> RECENCY =
      Comparator.comparingLong(Interaction::timestamp).thenComparingLong(Interaction::movieId);

  private LeaveLastOutSplit() {}

  /** Splits {@code interactions}; both sides are listed users ascending. */
  public static Part split(List<Interaction> interactions) {
    List<Interaction> kept = new ArrayList<>();
    List<Interaction> held = new ArrayList<>();
    for (List<Interaction> user : UserGroups.byUser(interactions).values()) {
      if (user.size() < 2) {
        kept.addAll(user);
        continue;
      }
      Interaction last = user.stream().max(RECENCY).orElseThrow();
      for (Interaction i : user) {
        if (i == last) {
          held.add(i);
        } else {
          kept.add(i);
        }
      }
    }
    return new Part(kept, held);
  }

  /**
   * Test: each user's last interaction, models fitted on all the others. Validation: the same rule
   * applied again to that training part (each user's second-to-last interaction).
   */
  public static ProtocolSplit protocol(List<Interaction> interactions) {
    Part outer = split(interactions);
    Part inner = split(outer.kept());
    return new ProtocolSplit(Stage.knownUsers(inner.kept(), inner.heldOut()),
        Stage.knownUsers(outer.kept(), outer.heldOut()));
  }
}
