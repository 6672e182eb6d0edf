package io.incidentledger.compliance.api;

/** A reporting regime an organisation can be subject to; each one starts its clocks on its own trigger. */
public enum Regime {
    /** GDPR Art. 33: personal-data breach notification to the lead supervisory authority. */
    GDPR("GDPR", "GDPR (Reg. (EU) 2016/679)"),
    /** NIS2 Art. 23: significant incidents, reported to the CSIRT or competent authority. */
    NIS2("NIS2", "NIS2 (Directive (EU) 2022/2555) Art. 23"),
    /** DORA Art. 19 with the time limits of RTS 2025/301 Art. 5: major ICT-related incidents. */
    DORA("DORA", "DORA (Reg. (EU) 2022/2554) Art. 19, RTS 2025/301 Art. 5"),
    /** SEC Form 8-K Item 1.05: material cybersecurity incidents of US registrants. */
    SEC_8K("SEC", "SEC Form 8-K Item 1.05"),
    /** HIPAA Breach Notification Rule, 45 CFR 164.400-414. */
    HIPAA("HIPAA", "HIPAA 45 CFR 164.400-414"),
    /** NYDFS 23 NYCRR 500.17: cybersecurity incidents and extortion payments. */
    NYDFS("NYDFS", "NYDFS 23 NYCRR 500.17");

    private final String label;
    private final String source;

    Regime(String label, String source) {
        this.label = label;
        this.source = source;
    }

    /** The short name people use for the regime. */
    public String label() {
        return label;
    }

    /** The legal act the regime's clocks come from, as a reader would cite it. */
    public String source() {
        return source;
    }
}
