package io.incidentledger.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Records, for every request a test sends to the API, its method, the path pattern of the operation it was for, and
 * the status it got, one tab-separated line each in {@code <directory>/<pid>.tsv}. The operation is found by path and
 * method alone, so that an answer given before Spring MVC picks a handler (401, 403, 406, 413, 415) counts for the
 * operation it was refused. {@code ObservedStatusesIT} compares the lines with the OpenAPI document.
 */
final class ObservedStatuses extends OncePerRequestFilter {

    /** The directory of this build's observations; set by Maven (pom.xml), absent in an IDE. */
    static final String DIRECTORY_PROPERTY = "incident-ledger.test.observed-statuses";

    private static final Set<String> UNDOCUMENTED_METHODS = Set.of("HEAD", "OPTIONS", "TRACE");
    private static final Object FILE_LOCK = new Object();

    private final Path file;
    private final Supplier<RequestMappingHandlerMapping> mappings;

    ObservedStatuses(Path directory, Supplier<RequestMappingHandlerMapping> mappings) {
        this.file = directory.resolve(ProcessHandle.current().pid() + ".tsv");
        this.mappings = mappings;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !path(request).startsWith("/api/") || UNDOCUMENTED_METHODS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            operation(request).ifPresent(pattern -> append(request.getMethod() + "\t" + pattern + "\t"
                    + response.getStatus() + "\n"));
        }
    }

    /** The most specific pattern of a handler for this path and method, as Spring MVC would choose it. */
    private Optional<String> operation(HttpServletRequest request) {
        PathContainer path = PathContainer.parsePath(path(request));
        PathPattern best = null;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> mapping : mappings.get().getHandlerMethods().entrySet()) {
            RequestMappingInfo info = mapping.getKey();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            if (info.getPathPatternsCondition() == null || !methods.isEmpty() && methods.stream()
                    .noneMatch(method -> method.name().equals(request.getMethod()))) {
                continue;
            }
            for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
                if (pattern.matches(path) && (best == null || PathPattern.SPECIFICITY_COMPARATOR.compare(pattern,
                        best) < 0)) {
                    best = pattern;
                }
            }
        }
        return Optional.ofNullable(best).map(PathPattern::getPatternString);
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private void append(String line) {
        synchronized (FILE_LOCK) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
