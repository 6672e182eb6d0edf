package io.incidentledger.compliance.obligations;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;

import io.incidentledger.compliance.clock.MemberState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Checks the compliance configuration once at start-up; a wrong value stops the start with a clear message. */
@Configuration(proxyBeanMethods = false)
class ComplianceObligationsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ComplianceObligationsConfiguration.class);

    @Bean
    ComplianceSettings complianceSettings(ComplianceProperties properties, Clock clock) {
        ComplianceSettings settings = properties.settings();
        MemberState state = settings.organisation().memberState();
        if (state != null) {
            // an outdated list silently drops the DORA and Reg. 1182/71 holiday extensions: say so early
            int year = LocalDate.now(clock.withZone(ZoneOffset.UTC)).getYear();
            for (int wanted = year; wanted <= year + 1; wanted++) {
                int y = wanted;
                if (state.publicHolidays().stream().noneMatch(day -> day.getYear() == y)) {
                    log.warn("{}organisation.public-holidays lists no holiday of {} in {}: deadlines falling on one"
                            + " get no holiday extension until the list is updated", ComplianceProperties.PREFIX,
                            state.code(), y);
                }
            }
        }
        log.info("Compliance clocks for regimes {} (member state {})", settings.organisation().regimes(),
                state == null ? "none" : state.code());
        return settings;
    }
}
