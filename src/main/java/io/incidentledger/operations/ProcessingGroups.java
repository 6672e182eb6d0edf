package io.incidentledger.operations;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.axonframework.config.ProcessingGroup;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * The processing groups of the application's event handlers (the beans annotated {@link ProcessingGroup}: the
 * projections and the notifications), each with a dead-letter queue. Sagas have none (Axon 4 offers none for them).
 *
 * @param names sorted
 */
record ProcessingGroups(List<String> names) {

    ProcessingGroups {
        names = List.copyOf(names);
    }

    /** Read from the bean definitions, without creating the beans. */
    static ProcessingGroups of(ListableBeanFactory beans) {
        return new ProcessingGroups(Arrays.stream(beans.getBeanNamesForAnnotation(ProcessingGroup.class))
                .map(name -> beans.findAnnotationOnBean(name, ProcessingGroup.class))
                .filter(Objects::nonNull)
                .map(ProcessingGroup::value)
                .distinct()
                .sorted()
                .toList());
    }
}
