package io.incidentledger.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.incidentledger.ledger.offline.OfflineVerifier;

/**
 * One run of the offline verifier as its command line would run it: the exit status and what it printed.
 *
 * @param exit {@link OfflineVerifier#VALID}, {@link OfflineVerifier#INVALID} or the usage error status
 * @param out  what it printed on standard output
 * @param err  what it printed on standard error
 */
public record OfflineRun(int exit, String out, String err) {

    public static OfflineRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OfflineVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new OfflineRun(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Writes a bundle (or a key file) where the verifier reads it, creating the folder. */
    public static Path save(Path folder, String name, String content) throws IOException {
        Files.createDirectories(folder);
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
