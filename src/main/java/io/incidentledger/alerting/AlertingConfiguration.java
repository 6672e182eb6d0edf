package io.incidentledger.alerting;

import java.time.Clock;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import tools.jackson.databind.json.JsonMapper;

/**
 * Wires alerting: the notifications processor, the outbox, the channels and the dispatcher. Mail goes through
 * Spring Boot's {@link JavaMailSender}, which exists when {@code spring.mail.host} is set; without it mail goes to
 * the log.
 */
@Configuration(proxyBeanMethods = false)
public class AlertingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertingConfiguration.class);

    @Bean
    AlertingIncidents alertingIncidents(JdbcTemplate jdbc) {
        return new AlertingIncidents(jdbc);
    }

    @Bean
    NotificationOutbox notificationOutbox(JdbcTemplate jdbc) {
        return new NotificationOutbox(jdbc);
    }

    @Bean
    NotificationRouting notificationRouting(AlertingProperties properties) {
        return new NotificationRouting(properties);
    }

    @Bean
    NotificationProcessor notificationProcessor(AlertingIncidents incidents, NotificationRouting routing,
                                                NotificationOutbox outbox) {
        return new NotificationProcessor(incidents, routing, outbox);
    }

    @Bean
    NotificationChannel mailChannel(ObjectProvider<JavaMailSender> mailSender, AlertingProperties properties) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("No SMTP server configured (spring.mail.host): notification mails go to the log");
            return new LogMailChannel(properties.baseUrl());
        }
        MailChannel.limitWaiting(sender, properties.mail().timeout());
        return new MailChannel(sender, properties.mail().from(), properties.baseUrl());
    }

    @Bean
    NotificationChannel webhookChannel(AlertingProperties properties, Clock clock, JsonMapper jsonMapper) {
        return new WebhookChannel(properties, clock, jsonMapper);
    }

    @Bean
    NotificationDispatcher notificationDispatcher(NotificationOutbox outbox, List<NotificationChannel> channels,
                                                  AlertingProperties properties, CommandGateway commands,
                                                  Clock clock) {
        return new NotificationDispatcher(outbox, channels, properties, commands, clock);
    }
}
