package benchmarks.harness;

/**
 * Reads benchmark settings from a system property ({@code bench.threads}) or else the environment
 * ({@code BENCH_THREADS}), or else a default.
 */
public final class BenchmarkSettings {

    private BenchmarkSettings() {
    }

    public static String string(String key, String defaultValue) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase().replace('.', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public static int integer(String key, int defaultValue) {
        String value = string(key, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
        }
    }

    public static boolean bool(String key, boolean defaultValue) {
        String value = string(key, null);
        return value == null ? defaultValue : Boolean.parseBoolean(value);
    }
}
