package com.marquee.trainer.evaluate;

import com.marquee.common.domain.Interaction;
import java.util.List;

/**
 * A two-way split of interactions.
 *
 * @param kept what stays on the training side
 * @param heldOut what is held out
 */
public record Part(List<Interaction> kept, List<Interaction> heldOut) {}
