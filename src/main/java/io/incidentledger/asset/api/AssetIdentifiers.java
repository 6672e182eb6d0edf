package io.incidentledger.asset.api;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules for what identifies an asset: user-chosen names, chains and on-chain addresses. Chains are compared in
 * lower case; an address in {@code 0x} hexadecimal is compared in lower case too (its mixed-case checksum form is the
 * same address), any other address exactly as given.
 */
public final class AssetIdentifiers {

    /** The longest user-chosen name, chain and address, in characters. */
    public static final int NAME_LENGTH = 100;
    public static final int CHAIN_LENGTH = 64;
    public static final int ADDRESS_LENGTH = 128;

    /**
     * A user-chosen name: 1 to 100 characters without whitespace or control characters, and without what a URL path
     * segment cannot carry through the API ({@code / \ % ;}, or a name of only {@code .} or {@code ..}).
     */
    public static final String NAME_PATTERN = "(?!\\.\\.?$)[^\\p{javaWhitespace}\\p{Z}\\p{Cc}\\p{Cf}/\\\\%;]{1,"
            + NAME_LENGTH + "}";

    /** A chain: {@code ethereum}, {@code polygon}, {@code 1}, {@code eip155:1}, … (compared in lower case). */
    public static final String CHAIN_PATTERN = "[A-Za-z0-9][A-Za-z0-9._:-]{0," + (CHAIN_LENGTH - 1) + "}";

    /** An on-chain address: {@code 0x…} hexadecimal, base58, bech32, {@code alice.near}, … */
    public static final String ADDRESS_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0," + (ADDRESS_LENGTH - 1) + "}";

    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern CHAIN = Pattern.compile(CHAIN_PATTERN);
    private static final Pattern ADDRESS = Pattern.compile(ADDRESS_PATTERN);
    private static final Pattern HEX_ADDRESS = Pattern.compile("0[xX][0-9a-fA-F]+");

    private AssetIdentifiers() {
    }

    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static boolean isChain(String chain) {
        return chain != null && CHAIN.matcher(chain).matches();
    }

    public static boolean isAddress(String address) {
        return address != null && ADDRESS.matcher(address).matches();
    }

    /** The name, if it is one; {@code kind} names the asset in the message. */
    public static String requireName(String kind, String name) {
        if (!isName(name)) {
            throw new IllegalArgumentException("invalid " + kind + " name: 1 to 100 characters without whitespace, "
                    + "control characters, '/', '\\', '%' or ';'");
        }
        return name;
    }

    /** The chain in its canonical (lower-case) form. */
    public static String chain(String chain) {
        if (!isChain(chain)) {
            throw new IllegalArgumentException("invalid chain: 1 to 64 letters, digits, '.', '_', ':' or '-'");
        }
        return chain.toLowerCase(Locale.ROOT);
    }

    /** The address in its canonical form: lower case for {@code 0x} hexadecimal, else as given. */
    public static String address(String address) {
        if (!isAddress(address)) {
            throw new IllegalArgumentException("invalid address: 1 to 128 letters, digits, '.', '_' or '-'");
        }
        return HEX_ADDRESS.matcher(address).matches() ? address.toLowerCase(Locale.ROOT) : address;
    }
}
