package io.incidentledger.detection.ingest.forta;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.incidentledger.security.ActorMetadata;
import io.incidentledger.security.ActorPrincipal;
import io.incidentledger.security.ActorType;
import io.incidentledger.security.EndpointBearerAuthenticator;
import io.incidentledger.security.Roles;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts a Forta scan node's own JWT on {@code POST /api/detections/forta/batch}, the only bearer a scan node in local
 * mode can send: {@code Authorization: Bearer <jwt>} made for each batch by forta-core-go security/jwt.go
 * {@code CreateScannerJWT} (called in forta-node services/publisher/publisher.go). Its header is
 * {@code {"alg":"ETH","typ":"JWT"}}; its signature is the node key's secp256k1 signature of the Keccak-256 of
 * {@code header.payload}, 65 bytes {@code r || s || v} (v 0 or 1), base64url without padding; {@code sub} is the
 * node's address, and the token is valid from 30 s before to 30 s after it was made ({@code nbf}, {@code exp}).
 * <p>
 * Accepted when the address recovered from the signature is {@code sub} and a configured scan node's, the time is
 * within {@code nbf}..{@code exp} give or take {@link #CLOCK_SKEW}, and this node has not seen the token's
 * {@code jti} before (a scan node makes a new token for every batch and sends it once). The token does not cover
 * the body: use HTTPS.
 */
@Component
public class ScanNodeAuthenticator implements EndpointBearerAuthenticator {

    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final FortaProperties properties;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    /** The {@code jti}s seen, with when they may be forgotten (their token has expired). */
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    public ScanNodeAuthenticator(FortaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** A scan node, named on events as {@code forta-scan-node:<name>}, with its address as the actor's subject. */
    record ScanNodePrincipal(String name, String address) implements ActorPrincipal, Principal {

        @Override
        public String actorName() {
            return "forta-scan-node:" + name;
        }

        @Override
        public ActorType actorType() {
            return ActorType.SERVICE;
        }

        @Override
        public Map<String, String> actorIdentity() {
            return Map.of(ActorMetadata.ACTOR_SUBJECT, address);
        }

        @Override
        public String getName() {
            return actorName();
        }
    }

    @Override
    public boolean recognises(HttpServletRequest request, String bearerToken) {
        return FortaBatchController.PATH.equals(request.getRequestURI()) && header(bearerToken)
                .map(header -> "ETH".equals(header.path("alg").asString(null))).orElse(false);
    }

    @Override
    public Authentication authenticate(String bearerToken) {
        String[] parts = bearerToken.split("\\.", -1);
        if (parts.length != 3) {
            throw new BadCredentialsException("not a scan node JWT");
        }
        JsonNode claims = decodeJson(parts[1]).orElseThrow(() -> new BadCredentialsException("unreadable claims"));
        String subject = claims.path("sub").asString("");
        FortaProperties.ScanNode node = properties.scanNodes().stream()
                .filter(candidate -> candidate.address().equalsIgnoreCase(subject)).findFirst()
                .orElseThrow(() -> new BadCredentialsException("not a configured scan node"));
        String signer = signer(parts[0] + "." + parts[1], parts[2]);
        if (!signer.equalsIgnoreCase(subject)) {
            throw new BadCredentialsException("the scan node JWT is not signed by its subject");
        }
        Instant now = clock.instant();
        if (!claims.path("exp").isIntegralNumber() || !claims.path("nbf").isIntegralNumber()) {
            throw new BadCredentialsException("the scan node JWT has no exp or nbf");
        }
        Instant notBefore = Instant.ofEpochSecond(claims.path("nbf").longValue());
        Instant expires = Instant.ofEpochSecond(claims.path("exp").longValue());
        if (now.isBefore(notBefore.minus(CLOCK_SKEW)) || now.isAfter(expires.plus(CLOCK_SKEW))) {
            throw new BadCredentialsException("the scan node JWT is expired or not valid yet");
        }
        String id = claims.path("jti").asString("");
        if (id.isBlank()) {
            throw new BadCredentialsException("the scan node JWT has no jti");
        }
        seen.values().removeIf(forgetAt -> forgetAt.isBefore(now));
        if (seen.putIfAbsent(subject.toLowerCase(Locale.ROOT) + "/" + id, expires.plus(CLOCK_SKEW)) != null) {
            throw new BadCredentialsException("the scan node JWT was used before");
        }
        return UsernamePasswordAuthenticationToken.authenticated(new ScanNodePrincipal(node.name(),
                Keys.toChecksumAddress(subject)), null, AuthorityUtils.createAuthorityList("ROLE_" + Roles.DETECTOR));
    }

    /** The address whose key made {@code signature} over {@code signingInput}: go-ethereum's crypto.SigToPub. */
    private static String signer(String signingInput, String signature) {
        byte[] bytes;
        try {
            bytes = BASE64URL.decode(signature);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("unreadable scan node JWT signature");
        }
        if (bytes.length != 65 || (bytes[64] != 0 && bytes[64] != 1)) {
            throw new BadCredentialsException("a scan node JWT signature is 65 bytes ending in 0 or 1");
        }
        byte[] hash = Hash.sha3(signingInput.getBytes(StandardCharsets.US_ASCII));
        ECDSASignature ecdsa = new ECDSASignature(new BigInteger(1, Arrays.copyOfRange(bytes, 0, 32)),
                new BigInteger(1, Arrays.copyOfRange(bytes, 32, 64)));
        BigInteger publicKey;
        try {
            publicKey = Sign.recoverFromSignature(bytes[64], ecdsa, hash);
        } catch (RuntimeException e) {
            throw new BadCredentialsException("the scan node JWT signature is not valid");
        }
        if (publicKey == null) {
            throw new BadCredentialsException("the scan node JWT signature is not valid");
        }
        return "0x" + Keys.getAddress(publicKey);
    }

    private Optional<JsonNode> header(String token) {
        int dot = token.indexOf('.');
        return dot <= 0 ? Optional.empty() : decodeJson(token.substring(0, dot));
    }

    private Optional<JsonNode> decodeJson(String segment) {
        try {
            JsonNode node = json.readTree(BASE64URL.decode(segment));
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (IllegalArgumentException | JacksonException e) {
            return Optional.empty();
        }
    }
}
