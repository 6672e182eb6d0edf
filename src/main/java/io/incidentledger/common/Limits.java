package io.incidentledger.common;

import io.incidentledger.asset.api.AssetIdentifiers;

/**
 * The most a client may send for each kind of value, in characters: defined here once, enforced where values enter
 * (request validation, detector formats, the aggregates' own rules) and held by every view. Free text in the views is
 * unbounded; the columns that stay bounded (keys and indexed values) are at least as wide as the limit of what they
 * hold, which {@code ViewColumnsTest} checks against the migrated schema on H2 and PostgreSQL. Asset names, chains
 * and addresses are identities, defined with their syntax in {@link AssetIdentifiers}.
 */
public final class Limits {

    /** Free text: descriptions, notes, reasons, summaries, root causes, rationales. */
    public static final int TEXT = 10_000;
    /** An incident's title. */
    public static final int TITLE = 200;
    /** A name or an identifier: a person, a detection, a file, an alert id, an authority's reference. */
    public static final int NAME = 255;
    /** A location, such as where evidence is kept. */
    public static final int LOCATION = 2000;
    /** A short description: of an asset, of a review's action item. */
    public static final int DESCRIPTION = 2000;
    /** A US State or other region named in a breach's count of people affected. */
    public static final int STATE = 64;
    /** A detector's name for itself, the {@code source} of an envelope. */
    public static final int SOURCE = 100;
    /** A detection's label ({@code drainer}, {@code phishing}). */
    public static final int DETECTION_LABEL = 100;
    /** A detector's own correlation key. */
    public static final int CORRELATION_KEY = 1000;
    /** A registered contract's name. */
    public static final int CONTRACT_NAME = 200;
    /** The asset a withdrawal channel moves ({@code ETH}, {@code USDC}). */
    public static final int ASSET_SYMBOL = 40;
    /** The venue a withdrawal channel serves. */
    public static final int VENUE = 100;
    /** The most items in a list a client sends: addresses, transactions, labels, affected assets, action items. */
    public static final int ITEMS = 100;
    /** A registered asset's name. */
    public static final int ASSET_NAME = AssetIdentifiers.NAME_LENGTH;
    /** A chain's name or id. */
    public static final int CHAIN = AssetIdentifiers.CHAIN_LENGTH;
    /** An address or a transaction hash on a chain. */
    public static final int ADDRESS = AssetIdentifiers.ADDRESS_LENGTH;

    private Limits() {
    }
}
