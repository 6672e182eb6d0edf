package io.incidentledger.compliance.api;

/**
 * What an incident was classified as for a regime, each the trigger of that regime's clocks. The instant recorded
 * with it is the classification (DORA, NIS2, GDPR), the discovery (HIPAA) or the determination that a
 * cybersecurity incident occurred (NYDFS).
 */
public enum RegulatoryClassification {
    /** DORA: a major ICT-related incident (RTS 2024/1772). */
    DORA_MAJOR(Regime.DORA),
    /** NIS2: a significant incident. */
    NIS2_SIGNIFICANT(Regime.NIS2),
    /** GDPR: a personal-data breach, without established high risk to people. */
    GDPR_PERSONAL_DATA_BREACH(Regime.GDPR),
    /** GDPR: a personal-data breach likely to result in a high risk to people (Art. 34 applies as well). */
    GDPR_HIGH_RISK_TO_PEOPLE(Regime.GDPR),
    /** HIPAA: a breach of unsecured protected health information, with the people affected per State. */
    HIPAA_BREACH(Regime.HIPAA),
    /** NYDFS 23 NYCRR 500.17: a cybersecurity incident. */
    NYDFS_CYBERSECURITY_EVENT(Regime.NYDFS);

    private final Regime regime;

    RegulatoryClassification(Regime regime) {
        this.regime = regime;
    }

    public Regime regime() {
        return regime;
    }
}
