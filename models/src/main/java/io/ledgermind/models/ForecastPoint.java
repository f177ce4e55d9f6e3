package io.ledgermind.models;

/**
 * One horizon of a forecast: the median {@code value} and the bounds of the prediction interval
 * ({@code lower <= value <= upper} always holds).
 *
 * @param horizonSteps horizon in steps of the series family (1 = the next step)
 * @param horizonMillis the same horizon in milliseconds
 * @param targetTime end of the forecast step, epoch milliseconds
 */
public record ForecastPoint(
    int horizonSteps, long horizonMillis, long targetTime, double value, double lower, double upper) {}
