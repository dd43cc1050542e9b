package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/** Helpers shared by the per-user splits. */
final class UserGroups {

  private UserGroups() {}

  /** Interactions grouped by user id (ascending), each group in input order. */
  static TreeMap<Long, List<Interaction>> byUser(List<Interaction> interactions) {
    TreeMap<Long, List<Interaction>> out = new TreeMap<>();
    for (Interaction i : interactions) {
      out.computeIfAbsent(i.userId(), u -> new ArrayList<>()).add(i);
    }
    return out;
  }

  /** All interactions of the given groups, users ascending. */
  static List<Interaction> flatten(Map<Long, List<Interaction>> groups) {
    List<Interaction> out = new ArrayList<>();
    groups.values().forEach(out::addAll);
    return out;
  }

  /**
   * A generator for one user that depends only on (seed, user id), so a user's split does not change
   * when other users are added or removed. The two are combined with the 64-bit finalizer of
   * MurmurHash3 (SplittableRandom then mixes the result again).
   */
  static SplittableRandom forUser(long seed, long userId) {
    long h = seed ^ (userId * 0x9E3779B97F4A7C15L);
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return new SplittableRandom(h);
  }

  /** Fisher-Yates shuffle of {@code list} in place with {@code rnd}. */
  static <T> void shuffle(List<T> list, SplittableRandom rnd) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
