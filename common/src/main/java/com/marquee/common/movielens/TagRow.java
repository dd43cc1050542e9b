package com.marquee.common.movielens;

/**
 * A valid row of a MovieLens {@code tags.csv} ({@code userId,movieId,tag,timestamp}, ml-latest only).
 *
 * @param userId MovieLens user id
 * @param movieId MovieLens movie id (present in the movies file)
 * @param tag the free-text tag as written, stripped, never empty
 * @param timestamp seconds since the Unix epoch (UTC), {@code >= 0}
 * @param line 1-based line of the tags file
 */
public record TagRow(long userId, long movieId, String tag, long timestamp, long line) {}
