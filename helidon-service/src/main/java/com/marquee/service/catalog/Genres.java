package com.marquee.service.catalog;

import java.util.Locale;

/** How genre names are compared everywhere in the server (filters, rules, search, {@code /genres}). */
public final class Genres {

  private Genres() {}

  /** Lookup key of a genre name: lower-cased (root locale), trimmed. */
  public static String key(String genre) {
    return genre.strip().toLowerCase(Locale.ROOT);
  }
}
