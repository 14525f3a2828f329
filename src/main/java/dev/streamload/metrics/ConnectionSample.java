package dev.streamload.metrics;

/**
 * One sample of the client's connections to the target (see {@code run.ConnectionSampler}).
 *
 * @param tSeconds seconds from the run's time origin
 * @param open established connections to the target, -1 when unknown
 * @param opened connections seen for the first time in this sample, -1 when unknown
 * @param streamsInFlight streams started and not yet finished
 */
public record ConnectionSample(double tSeconds, long open, long opened, long streamsInFlight) {}
