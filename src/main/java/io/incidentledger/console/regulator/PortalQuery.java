package io.incidentledger.console.regulator;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.util.UriComponentsBuilder;

/** The filters a portal page was asked for: what its form shows again, and the query string of its other pages. */
public final class PortalQuery {

    private final Map<String, Object> values = new LinkedHashMap<>();

    PortalQuery with(String name, Object value) {
        if (value != null) {
            values.put(name, value);
        }
        return this;
    }

    /** The filter's value as the form writes it, or an empty text. */
    public String value(String name) {
        Object value = values.get(name);
        return value == null ? "" : value instanceof Enum<?> option ? option.name() : value.toString();
    }

    /** Whether the filter is set to {@code option}. */
    public boolean is(String name, Object option) {
        return option != null && values.containsKey(name) && value(name).equals(
                option instanceof Enum<?> constant ? constant.name() : option.toString());
    }

    /** The query string of these filters on page {@code page} (the first page has none). */
    public String query(int page) {
        UriComponentsBuilder uri = UriComponentsBuilder.newInstance();
        values.keySet().forEach(name -> uri.queryParam(name, value(name)));
        if (page > 0) {
            uri.queryParam("page", page);
        }
        String query = uri.encode().build().getQuery();
        return query == null ? "" : query;
    }
}
