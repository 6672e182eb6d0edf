package io.incidentledger.compliance.clock;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import io.incidentledger.compliance.api.Regime;

/**
 * What an organisation is subject to and which calendars apply to it. Set up once per organisation by
 * configuration; the clocks read nothing else.
 *
 * @param regimes                         the regimes the organisation is subject to
 * @param memberState                     the EU Member State for GDPR, NIS2 and DORA; required when one of them is
 *                                        in {@code regimes}
 * @param doraWeekendRuleForInitialAndIntermediate whether the DORA weekend and holiday rule (RTS 2025/301 Art. 5(4))
 *                                        may be used for the initial notification and the intermediate report. It
 *                                        may not for credit institutions, CCPs, trading-venue operators and NIS2
 *                                        essential or important entities (Art. 5(5)), nor where the competent
 *                                        authority disapplied it (Art. 5(6)). The final report may always use it.
 * @param nis2TrustServiceProvider        a trust service provider under NIS2: the incident notification is due
 *                                        24 h after awareness instead of 72 h (Art. 23(4)(b))
 * @param hipaaZone                       the covered entity's time zone for counting HIPAA calendar days
 * @param secAdditionalClosures           days the SEC is closed beyond the computed federal holidays, e.g. a
 *                                        national day of mourning declared by executive order (9 January 2025)
 */
public record OrganisationProfile(
        Set<Regime> regimes,
        MemberState memberState,
        boolean doraWeekendRuleForInitialAndIntermediate,
        boolean nis2TrustServiceProvider,
        ZoneId hipaaZone,
        Set<LocalDate> secAdditionalClosures) {

    /** The zone HIPAA days are counted in unless configured otherwise. */
    public static final ZoneId DEFAULT_HIPAA_ZONE = ZoneId.of("America/New_York");

    public OrganisationProfile {
        regimes = regimes == null || regimes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(regimes));
        if (memberState == null && (regimes.contains(Regime.GDPR) || regimes.contains(Regime.NIS2)
                || regimes.contains(Regime.DORA))) {
            throw new IllegalArgumentException("GDPR, NIS2 and DORA clocks need the EU Member State's calendar");
        }
        hipaaZone = hipaaZone == null ? DEFAULT_HIPAA_ZONE : hipaaZone;
        secAdditionalClosures = secAdditionalClosures == null ? Set.of() : Set.copyOf(secAdditionalClosures);
    }

    /**
     * An organisation in an EU Member State subject to the given regimes, with the DORA weekend rule not available
     * for the initial and intermediate reports (the choice that never extends a deadline), not a trust service
     * provider, HIPAA days counted in New York time and no extra SEC closures.
     */
    public static OrganisationProfile inMemberState(MemberState memberState, Regime... regimes) {
        return new OrganisationProfile(Set.copyOf(Arrays.asList(regimes)),
                Objects.requireNonNull(memberState, "memberState"), false, false, DEFAULT_HIPAA_ZONE, Set.of());
    }

    /** As {@link #inMemberState}, for an organisation subject to none of the EU regimes. */
    public static OrganisationProfile subjectTo(Regime... regimes) {
        return new OrganisationProfile(Set.copyOf(Arrays.asList(regimes)), null, false, false, DEFAULT_HIPAA_ZONE,
                Set.of());
    }

    public OrganisationProfile withDoraWeekendRuleForInitialAndIntermediate(boolean allowed) {
        return new OrganisationProfile(regimes, memberState, allowed, nis2TrustServiceProvider, hipaaZone,
                secAdditionalClosures);
    }

    public OrganisationProfile asNis2TrustServiceProvider() {
        return new OrganisationProfile(regimes, memberState, doraWeekendRuleForInitialAndIntermediate, true,
                hipaaZone, secAdditionalClosures);
    }

    public OrganisationProfile withHipaaZone(ZoneId zone) {
        return new OrganisationProfile(regimes, memberState, doraWeekendRuleForInitialAndIntermediate,
                nis2TrustServiceProvider, zone, secAdditionalClosures);
    }

    public OrganisationProfile withSecAdditionalClosures(Set<LocalDate> closures) {
        return new OrganisationProfile(regimes, memberState, doraWeekendRuleForInitialAndIntermediate,
                nis2TrustServiceProvider, hipaaZone, closures);
    }

    public boolean isSubjectTo(Regime regime) {
        return regimes.contains(regime);
    }
}
