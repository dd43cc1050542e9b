package com.marquee.trainer.evaluate;

/**
 * What a {@link Protocol} makes of a data set: a validation stage carved from the training part only
 * (used to choose hyperparameters and, for {@code --model best}, the model) and the test stage, whose
 * models are refitted on the whole training part.
 *
 * @param validation fit = the training part minus the validation interactions (or users)
 * @param test fit = the whole training part
 */
public record ProtocolSplit(Stage validation, Stage test) {}
