package io.incidentledger.compliance.api;

/** The recorded fact a stage's clock runs from. */
public enum Anchor {
    AWARENESS("awareness of the incident"),
    DORA_MAJOR_CLASSIFICATION("classification as a major ICT-related incident"),
    DORA_INITIAL_SUBMITTED("submission of the initial notification"),
    DORA_LATEST_INTERMEDIATE_SUBMITTED("submission of the latest intermediate report"),
    NIS2_NOTIFICATION_SUBMITTED("submission of the incident notification"),
    SEC_MATERIALITY_DETERMINATION("determination that the incident is material"),
    HIPAA_DISCOVERY("discovery of the breach"),
    HIPAA_END_OF_DISCOVERY_YEAR("end of the calendar year in which the breach was discovered"),
    NYDFS_INCIDENT_DETERMINATION("determination that a cybersecurity incident occurred"),
    NYDFS_EXTORTION_PAYMENT("extortion payment");

    private final String description;

    Anchor(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
