package io.incidentledger.web;

/**
 * A body limit of its own for one endpoint, declared by the feature that owns the endpoint as a bean; every other
 * request keeps {@link ApiProperties#limitFor}. {@link RequestSizeLimitFilter} enforces both.
 *
 * @param path     the request path, exactly
 * @param maxBytes the largest body accepted there
 */
public record RequestBodyLimit(String path, long maxBytes) {
}
