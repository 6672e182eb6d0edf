package io.incidentledger.compliance.obligations;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.clock.OrganisationProfile;

/**
 * The validated compliance configuration: the organisation's profile and the due-soon window.
 *
 * @param organisation  the organisation's regimes and calendars
 * @param dueSoonWindow how long before its due instant an unsubmitted report becomes {@code DUE_SOON}
 */
public record ComplianceSettings(OrganisationProfile organisation, Duration dueSoonWindow) {

    /** The regimes whose clocks need the Member State's calendar. */
    static final Set<Regime> EU_REGIMES = EnumSet.of(Regime.GDPR, Regime.NIS2, Regime.DORA);

    public ComplianceSettings {
        Objects.requireNonNull(organisation, "organisation");
        Objects.requireNonNull(dueSoonWindow, "dueSoonWindow");
    }

    /**
     * The regimes that apply to one incident: its assessment once there is one, the organisation's regimes until
     * then. An EU regime assessed for an organisation without a configured Member State has no calendar to count in
     * and is left out (the register still shows the assessment). Iterates in {@link Regime} order.
     */
    public Set<Regime> applicable(Set<Regime> assessed) {
        if (assessed == null) {
            return organisation.regimes().isEmpty() ? EnumSet.noneOf(Regime.class)
                    : EnumSet.copyOf(organisation.regimes());
        }
        Set<Regime> applicable = assessed.isEmpty() ? EnumSet.noneOf(Regime.class) : EnumSet.copyOf(assessed);
        if (organisation.memberState() == null) {
            applicable.removeAll(EU_REGIMES);
        }
        return applicable;
    }

    /** The organisation's profile with the incident's applicable regimes. */
    OrganisationProfile profileFor(Set<Regime> assessed) {
        OrganisationProfile org = organisation;
        return new OrganisationProfile(applicable(assessed), org.memberState(),
                org.doraWeekendRuleForInitialAndIntermediate(), org.nis2TrustServiceProvider(), org.hipaaZone(),
                org.secAdditionalClosures());
    }
}
