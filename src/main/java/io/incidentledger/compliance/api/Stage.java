package io.incidentledger.compliance.api;

/**
 * A reporting stage with a computable deadline, named with its regime. Stages whose only deadline is "without undue
 * delay" (GDPR Art. 34, DORA updated intermediate reports, NYDFS updates, ...) have no constant here; the list of
 * what is left out and why is in docs/compliance-clocks.md.
 */
public enum Stage {
    GDPR_SA_NOTIFICATION(Regime.GDPR, "notification to the supervisory authority", "GDPR Art. 33(1)"),
    NIS2_EARLY_WARNING(Regime.NIS2, "early warning", "NIS2 Art. 23(4)(a)"),
    NIS2_NOTIFICATION(Regime.NIS2, "incident notification", "NIS2 Art. 23(4)(b)"),
    NIS2_FINAL(Regime.NIS2, "final report", "NIS2 Art. 23(4)(d)"),
    DORA_INITIAL(Regime.DORA, "initial notification", "RTS 2025/301 Art. 5(1)(a) and 5(2)"),
    DORA_INTERMEDIATE(Regime.DORA, "intermediate report", "RTS 2025/301 Art. 5(1)(b)"),
    DORA_FINAL(Regime.DORA, "final report", "RTS 2025/301 Art. 5(1)(c)"),
    SEC_8K_ITEM_1_05(Regime.SEC_8K, "Form 8-K Item 1.05 filing", "Form 8-K Item 1.05, General Instruction B.1"),
    HIPAA_INDIVIDUALS(Regime.HIPAA, "notice to affected individuals", "45 CFR 164.404(b)"),
    /** Only when more than 500 residents of one State or jurisdiction are affected. */
    HIPAA_MEDIA(Regime.HIPAA, "notice to prominent media outlets", "45 CFR 164.406"),
    /** Contemporaneous with the individuals' notice for 500 or more people, otherwise the annual log. */
    HIPAA_HHS(Regime.HIPAA, "notice to the Secretary of HHS", "45 CFR 164.408"),
    NYDFS_INCIDENT_NOTICE(Regime.NYDFS, "cybersecurity incident notice", "23 NYCRR 500.17(a)(1)"),
    NYDFS_EXTORTION_NOTICE(Regime.NYDFS, "extortion payment notice", "23 NYCRR 500.17(c)(1)"),
    NYDFS_EXTORTION_JUSTIFICATION(Regime.NYDFS, "written justification of the extortion payment",
            "23 NYCRR 500.17(c)(2)");

    private final Regime regime;
    private final String label;
    private final String source;

    Stage(Regime regime, String label, String source) {
        this.regime = regime;
        this.label = label;
        this.source = source;
    }

    public Regime regime() {
        return regime;
    }

    /** What is submitted at this stage, in words (without the regime's name). */
    public String label() {
        return label;
    }

    /** The provision that sets this stage's deadline. */
    public String source() {
        return source;
    }
}
