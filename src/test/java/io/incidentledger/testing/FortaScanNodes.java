package io.incidentledger.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Forta scan node JWTs for tests, made as forta-core-go security/jwt.go {@code CreateScannerJWT} makes them
 * (golang-jwt: header and claims as JSON with sorted keys, base64url without padding; the signature go-ethereum's
 * {@code crypto.Sign} of the Keccak-256 of {@code header.claims}: r, s and v as 0 or 1), with the claim forta-node's
 * publisher adds in local mode. A node's key is derived from a seed: the private key is Keccak-256(seed).
 */
public final class FortaScanNodes {

    /** The seed of the scan node the test configurations list, whose address is {@link #ADDRESS}. */
    public static final String SEED = "incident-ledger test scan node";
    public static final String ADDRESS = "0x777421BD2181B3183f118Dede63895490490F874";

    private FortaScanNodes() {
    }

    private static ECKeyPair key(String seed) {
        return ECKeyPair.create(new BigInteger(1, Hash.sha3(seed.getBytes(StandardCharsets.UTF_8))));
    }

    /** The checksummed address of the node whose key comes from {@code seed}. */
    public static String address(String seed) {
        return Keys.toChecksumAddress(Keys.getAddress(key(seed)));
    }

    /** A JWT of the node whose key comes from {@code seed}, made at {@code madeAt} (valid 30 s either side). */
    public static String jwt(String seed, Instant madeAt, String jti) {
        Base64.Encoder base64url = Base64.getUrlEncoder().withoutPadding();
        String header = base64url.encodeToString("{\"alg\":\"ETH\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64url.encodeToString(("{\"exp\":" + madeAt.plusSeconds(30).getEpochSecond() + ",\"iat\":"
                + madeAt.getEpochSecond() + ",\"jti\":\"" + jti + "\",\"localMode\":\"true\",\"nbf\":"
                + madeAt.minusSeconds(30).getEpochSecond() + ",\"sub\":\"" + address(seed) + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        Sign.SignatureData signature = Sign.signMessage(
                Hash.sha3((header + "." + claims).getBytes(StandardCharsets.US_ASCII)), key(seed), false);
        byte[] rsv = new byte[65];
        System.arraycopy(signature.getR(), 0, rsv, 0, 32);
        System.arraycopy(signature.getS(), 0, rsv, 32, 32);
        rsv[64] = (byte) (signature.getV()[0] - 27);
        return header + "." + claims + "." + base64url.encodeToString(rsv);
    }
}
