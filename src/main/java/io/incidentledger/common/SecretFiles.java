package io.incidentledger.common;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Set;

/** Files that hold a secret (the ledger's signing key, the API tokens' hash key): readable by their owner only. */
public final class SecretFiles {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");

    private SecretFiles() {
    }

    /**
     * Creates {@code file} (and its directories) holding {@code content}, flushed to the disk, and fails rather than
     * overwrite an existing file. Where the file system has POSIX permissions the file is owner read/write from its
     * creation, so the secret is never readable by others, and exactly that afterwards, whatever the umask did.
     * {@code content} is zeroed once written.
     */
    public static void createOwnerOnly(Path file, byte[] content) throws IOException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
            FileAttribute<?>[] attributes = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
                    : new FileAttribute<?>[0];
            try (FileChannel channel = FileChannel.open(file,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), attributes)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (posix) {
                Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
            }
        } finally {
            Arrays.fill(content, (byte) 0);
        }
    }
}
