package io.incidentledger.identity.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenHashKeyTest {

    @TempDir
    Path directory;

    @Test
    void theKeyFileIsCreatedOwnerOnlyAtFirstStartAndReadAfterwards() throws Exception {
        Path file = directory.resolve("keys/api-token-hash.key");

        ApiTokenHashKey created = ApiTokenHashKey.loadOrCreate(file, new SecureRandom());
        ApiTokenHashKey loaded = ApiTokenHashKey.loadOrCreate(file, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(loaded.id()).isEqualTo(created.id()).matches("[0-9a-f]{16}");
        assertThat(loaded.hash("secret")).isEqualTo(created.hash("secret")).hasSize(32);
    }

    @Test
    void anotherKeyHasAnotherIdAndAnotherHash() throws Exception {
        ApiTokenHashKey one = ApiTokenHashKey.loadOrCreate(directory.resolve("one.key"), new SecureRandom());
        ApiTokenHashKey other = ApiTokenHashKey.loadOrCreate(directory.resolve("other.key"), new SecureRandom());

        assertThat(other.id()).isNotEqualTo(one.id());
        assertThat(other.hash("secret")).isNotEqualTo(one.hash("secret"));
    }

    @Test
    void theHashIsHmacSha256OfTheSecret() {
        // RFC 4231's first case with a 32-byte key of 0x0b, as openssl computes it:
        // printf 'Hi There' | openssl dgst -sha256 -mac HMAC -macopt hexkey:0b0b…0b (32 bytes)
        ApiTokenHashKey key = new ApiTokenHashKey(HexFormat.of().parseHex("0b".repeat(32)));

        assertThat(HexFormat.of().formatHex(key.hash("Hi There")))
                .isEqualTo("198a607eb44bfbc69903a0f1cf2bbdc5ba0aa3f3d9ae3c1c7a3b1696a0b68cf7");
    }

    @Test
    void aFileWithoutAKeyIsRefusedNotReplaced() throws Exception {
        Path file = directory.resolve("broken.key");
        Files.writeString(file, "not a key\n");

        assertThatThrownBy(() -> ApiTokenHashKey.loadOrCreate(file, new SecureRandom()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThat(Files.readString(file)).isEqualTo("not a key\n");
    }
}
