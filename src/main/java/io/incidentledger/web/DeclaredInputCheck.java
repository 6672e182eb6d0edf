package io.incidentledger.web;

import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.incidentledger.common.CommandRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.SynthesizingMethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses, before a handler runs, input its method does not declare: a body sent to an endpoint that takes none
 * (415), a query parameter it does not take, a second value of a single-valued one, or a parameter without a value
 * (422). Otherwise a typo in a filter silently lists everything, {@code ?status=A&status=B} silently uses A, and a
 * body sent to an action is silently dropped.
 */
final class DeclaredInputCheck implements HandlerInterceptor {

    private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

    private final Map<Method, Declared> declared = new ConcurrentHashMap<>();

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        Declared inputs = declared.computeIfAbsent(method.getMethod(), Declared::of);
        if (!inputs.takesBody() && hasBody(request)) {
            throw new BodyNotAllowedException();
        }
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            inputs.check(parameter.getKey(), parameter.getValue());
        }
        return true;
    }

    /** A chunked body has no length, so a byte is read: the handler takes no body and will not miss it. */
    private static boolean hasBody(HttpServletRequest request) throws IOException {
        return request.getContentLengthLong() > 0 || request.getInputStream().read() != -1;
    }

    /**
     * What a handler method takes: a body or not, and its query parameters by name, each single- or multi-valued.
     *
     * @param anyParameter the method takes a map of all parameters
     */
    private record Declared(boolean takesBody, Map<String, Boolean> multiValued, boolean anyParameter) {

        static Declared of(Method method) {
            boolean body = false;
            boolean any = false;
            Map<String, Boolean> parameters = new HashMap<>();
            for (int index = 0; index < method.getParameterCount(); index++) {
                MethodParameter parameter = new SynthesizingMethodParameter(method, index);
                parameter.initParameterNameDiscovery(NAMES);
                body |= parameter.hasParameterAnnotation(RequestBody.class);
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param == null) {
                    continue;
                }
                Class<?> type = parameter.getParameterType();
                if (Map.class.isAssignableFrom(type)) {
                    any = true;
                } else {
                    String name = param.name().isEmpty() ? parameter.getParameterName() : param.name();
                    parameters.put(name, type.isArray() || Collection.class.isAssignableFrom(type));
                }
            }
            return new Declared(body, Map.copyOf(parameters), any);
        }

        void check(String name, String[] values) {
            Boolean multi = multiValued.get(name);
            if (multi == null && !anyParameter) {
                throw invalid("unknown parameter '" + name + "'");
            }
            if (values.length > 1 && !Boolean.TRUE.equals(multi)) {
                throw invalid("parameter '" + name + "' is given " + values.length + " times; it takes one value");
            }
            for (String value : values) {
                if (value.isEmpty()) {
                    throw invalid("parameter '" + name + "' has no value; leave it out instead");
                }
            }
        }

        private static CommandRefusedException invalid(String message) {
            return CommandRefusedException.invalid("invalid-parameter", message);
        }
    }
}
