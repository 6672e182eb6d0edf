package io.incidentledger.incident.live;

import java.time.Clock;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/** The live feed of incident events: this node's streams and the one reader that feeds them. */
@Configuration(proxyBeanMethods = false)
class LiveFeedConfiguration {

    @Bean
    LiveSubscribers liveSubscribers(LiveFeedProperties properties) {
        return new LiveSubscribers(properties);
    }

    @Bean
    LiveFeedReader liveFeedReader(EventStorageEngine storage, LiveSubscribers subscribers, JsonMapper json,
                                  LiveFeedProperties properties, Clock clock) {
        return new LiveFeedReader(storage, subscribers, json, properties, clock);
    }
}
