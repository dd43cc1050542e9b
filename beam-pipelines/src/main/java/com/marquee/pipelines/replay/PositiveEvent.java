package com.marquee.pipelines.replay;

import java.io.Serializable;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.SerializableCoder;

/**
 * A positive interaction of a user with a movie at a time: a positive feedback event ({@link
 * ReadFeedback}) or a held-out test interaction.
 *
 * @param userId user id
 * @param movieId movie id
 * @param epochMillis when it happened, milliseconds since the Unix epoch (UTC)
 */
@DefaultCoder(SerializableCoder.class)
public record PositiveEvent(long userId, int movieId, long epochMillis) implements Serializable {}
