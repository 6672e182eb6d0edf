package io.incidentledger.compliance.obligations;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.incidentledger.compliance.api.Regime;
import io.incidentledger.compliance.clock.MemberState;
import io.incidentledger.compliance.clock.OrganisationProfile;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The organisation's regulatory profile and how early an unsubmitted report shows as due soon; see
 * {@code docs/compliance-obligations.md}. Dates and zones are bound as text and checked by {@link #settings()}, so
 * a wrong value fails the start with a message that names the property.
 *
 * @param organisation  what the organisation is subject to and its calendars
 * @param dueSoonWindow how long before its due instant an unsubmitted report becomes {@code DUE_SOON}
 */
@ConfigurationProperties("incident-ledger.compliance")
public record ComplianceProperties(@DefaultValue Organisation organisation,
                                   @DefaultValue("24h") Duration dueSoonWindow) {

    static final String PREFIX = "incident-ledger.compliance.";

    /**
     * @param regimes                    the regimes the organisation is subject to (GDPR, NIS2, DORA, SEC_8K, HIPAA,
     *                                   NYDFS)
     * @param memberState                ISO 3166-1 alpha-2 code of the EU Member State; required with GDPR, NIS2 or
     *                                   DORA
     * @param zone                       the Member State's time zone, e.g. {@code Europe/Berlin}
     * @param publicHolidays             the Member State's public holidays, {@code yyyy-MM-dd}, for every year a clock
     *                                   may touch; kept up to date by the operator
     * @param doraWeekendRuleAllowed     the entity type may use the DORA weekend and holiday rule for the initial and
     *                                   intermediate reports (RTS 2025/301 Art. 5(5)); false never extends a deadline
     * @param nis2TrustServiceProvider   a NIS2 trust service provider (notification due 24 h after awareness)
     * @param secAdditionalClosures      days the SEC is closed beyond the federal holidays, {@code yyyy-MM-dd}
     * @param hipaaZone                  the zone HIPAA calendar days are counted in
     */
    public record Organisation(List<Regime> regimes,
                               String memberState,
                               String zone,
                               List<String> publicHolidays,
                               @DefaultValue("false") boolean doraWeekendRuleAllowed,
                               @DefaultValue("false") boolean nis2TrustServiceProvider,
                               List<String> secAdditionalClosures,
                               @DefaultValue("America/New_York") String hipaaZone) {

        public Organisation {
            regimes = regimes == null ? List.of() : List.copyOf(regimes);
            publicHolidays = publicHolidays == null ? List.of() : List.copyOf(publicHolidays);
            secAdditionalClosures = secAdditionalClosures == null ? List.of() : List.copyOf(secAdditionalClosures);
        }
    }

    /**
     * The validated settings.
     *
     * @throws IllegalStateException naming the property and what is wrong with it
     */
    public ComplianceSettings settings() {
        List<String> problems = new ArrayList<>();
        if (dueSoonWindow == null || dueSoonWindow.isNegative()) {
            problems.add(PREFIX + "due-soon-window must not be negative (got " + dueSoonWindow + ")");
        }
        Organisation org = organisation;
        String at = PREFIX + "organisation.";
        Set<Regime> regimes = org.regimes().isEmpty() ? Set.of() : EnumSet.copyOf(org.regimes());
        boolean european = ComplianceSettings.EU_REGIMES.stream().anyMatch(regimes::contains);
        MemberState memberState = null;
        boolean stateGiven = org.memberState() != null && !org.memberState().isBlank();
        if (european && !stateGiven) {
            problems.add(at + "member-state is required when regimes include GDPR, NIS2 or DORA (regimes: "
                    + regimes + "): their clocks count days and holidays in that State");
        }
        if (stateGiven) {
            String code = org.memberState().strip();
            ZoneId zone = zone(at + "zone", org.zone(), true, problems);
            Set<LocalDate> holidays = dates(at + "public-holidays", org.publicHolidays(), problems);
            if (!code.matches("[A-Z]{2}")) {
                problems.add(at + "member-state must be an ISO 3166-1 alpha-2 code such as DE (got '" + code + "')");
            } else if (zone != null) {
                memberState = new MemberState(code, zone, holidays);
            }
        }
        ZoneId hipaaZone = zone(at + "hipaa-zone", org.hipaaZone(), false, problems);
        Set<LocalDate> closures = dates(at + "sec-additional-closures", org.secAdditionalClosures(), problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid compliance configuration: " + String.join("; ", problems));
        }
        OrganisationProfile profile = new OrganisationProfile(regimes, memberState, org.doraWeekendRuleAllowed(),
                org.nis2TrustServiceProvider(), hipaaZone, closures);
        return new ComplianceSettings(profile, dueSoonWindow);
    }

    private static ZoneId zone(String property, String value, boolean required, List<String> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(property + " is required with a member-state, e.g. Europe/Berlin");
            }
            return null;
        }
        try {
            return ZoneId.of(value.strip());
        } catch (DateTimeException invalid) {
            problems.add(property + " '" + value + "' is not a time zone id such as Europe/Berlin");
            return null;
        }
    }

    private static Set<LocalDate> dates(String property, List<String> values, List<String> problems) {
        Set<LocalDate> dates = new HashSet<>();
        for (int index = 0; index < values.size(); index++) {
            String value = values.get(index);
            try {
                dates.add(LocalDate.parse(value == null ? "" : value.strip()));
            } catch (DateTimeParseException invalid) {
                problems.add(property + "[" + index + "] '" + value + "' is not a date (yyyy-MM-dd)");
            }
        }
        return dates;
    }
}
