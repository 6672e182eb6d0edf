package io.incidentledger.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Function;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How the API reads its input: strict JSON bodies ({@link StrictJson}), query parameters checked against what the
 * handler declares ({@link DeclaredInputCheck}), and times in query parameters in the same ISO-8601 forms as in
 * bodies (Spring would also take epoch milliseconds and RFC 1123 dates).
 */
@Configuration(proxyBeanMethods = false)
public class ApiWebConfiguration implements WebMvcConfigurer {

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        return StrictJson::configure;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new DeclaredInputCheck()).addPathPatterns("/api/**");
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addFormatterForFieldType(Instant.class, new IsoFormatter<>(IsoTimes::instant));
        registry.addFormatterForFieldType(LocalDate.class, new IsoFormatter<>(IsoTimes::date));
    }

    private record IsoFormatter<T>(Function<String, T> parser) implements Formatter<T> {

        @Override
        public T parse(String text, Locale locale) {
            return parser.apply(text);
        }

        @Override
        public String print(T value, Locale locale) {
            return value.toString();
        }
    }
}
