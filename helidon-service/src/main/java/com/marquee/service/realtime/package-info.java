/**
 * Real-time user updates without retraining ({@link RealtimeUsers}): after each positive
 * {@code POST /feedback} event the user's vector is solved again by fold-in over the training items plus the
 * new positives ({@code com.marquee.service.model.ModelSnapshot#foldIn}, the iALS row solver of common
 * {@code com.marquee.common.als}), and a negative event hides the movie from the user's answers. The overlay
 * lasts until the next model swap; the events are stored by {@code com.marquee.service.log.FeedbackStore} and
 * reach the next model through beam-pipelines {@code com.marquee.pipelines.retrain}.
 */
package com.marquee.service.realtime;
