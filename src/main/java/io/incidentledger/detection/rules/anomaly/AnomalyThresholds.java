package io.incidentledger.detection.rules.anomaly;

/**
 * When a subject's outflow is anomalous, for one chain and asset. Amounts are in whole units of the asset.
 *
 * @param valueSigmas          the window's outflow sum must be this many robust σ above its median
 * @param countSigmas          the window's outflow count must be this many robust σ above its median
 * @param transactionSigmas    one outflow must be this many robust σ above the median of the windows' largest
 * @param relativeFloor        σ is at least this share of the median
 * @param peakFactor           the value must also be above this multiple of the largest one in the history
 * @param minWindowAmount      the window's outflow sum must be at least this
 * @param minTransactionAmount the outflow must be at least this
 * @param minCount             the window's outflow count must be at least this
 */
public record AnomalyThresholds(double valueSigmas, double countSigmas, double transactionSigmas,
                                double relativeFloor, double peakFactor, double minWindowAmount,
                                double minTransactionAmount, int minCount) {
}
