package io.incidentledger.identity.authentication;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import io.incidentledger.identity.api.ApiTokenId;

/** Makes new tokens: a random id and a random 256-bit secret, hashed under the deployment's key. */
public class ApiTokenIssuer {

    private static final int ID_BYTES = ApiTokenId.LENGTH / 2;
    private static final int SECRET_BYTES = 32;

    private final ApiTokenHashKey hashKey;
    private final SecureRandom random;

    public ApiTokenIssuer(ApiTokenHashKey hashKey, SecureRandom random) {
        this.hashKey = hashKey;
        this.random = random;
    }

    public IssuedToken issue() {
        byte[] id = new byte[ID_BYTES];
        random.nextBytes(id);
        byte[] secretBytes = new byte[SECRET_BYTES];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        ApiTokenId tokenId = new ApiTokenId(HexFormat.of().formatHex(id));
        return new IssuedToken(tokenId, ApiTokenFormat.format(tokenId, secret),
                HexFormat.of().formatHex(hashKey.hash(secret)), hashKey.id());
    }

    /**
     * A new token: {@code token} is the whole token with its secret, to be shown once and then forgotten.
     *
     * @param secretHash the secret's keyed hash in hexadecimal, which is what is stored
     */
    public record IssuedToken(ApiTokenId tokenId, String token, String secretHash, String hashKeyId) {

        /** Never the secret: a record's default would print it into whatever logs this. */
        @Override
        public String toString() {
            return "IssuedToken[" + tokenId.value() + "]";
        }
    }
}
