package io.incidentledger.asset.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.incidentledger.incident.api.IncidentId;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The asset ids: type-prefixed aggregate identifiers (unique across all aggregate types in the store), the name rules,
 * canonical contract addresses, and a round trip through the event serializer the application uses.
 */
class AssetIdsTest {

    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper().registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
            .build();

    @Test
    void eachIdCarriesItsTypeInTheAggregateIdentifier() {
        assertThat(SigningKeyId.of("hot-wallet-1")).hasToString("signing-key:hot-wallet-1");
        assertThat(NodeId.of("val-3")).hasToString("node:val-3");
        assertThat(ContractId.of("ethereum", "0xabc")).hasToString("contract:ethereum:0xabc");
        assertThat(WithdrawalChannelId.of("eth-hot")).hasToString("withdrawal-channel:eth-hot");
    }

    @Test
    void assetsOfDifferentTypesWithTheSameNameAreDifferentAggregates() {
        assertThat(SigningKeyId.of("hot-1").toString()).isNotEqualTo(NodeId.of("hot-1").toString())
                .isNotEqualTo(WithdrawalChannelId.of("hot-1").toString());
    }

    @Test
    void nameGivesTheUserFacingIdentifier() {
        assertThat(SigningKeyId.of("hot-wallet-1").name()).isEqualTo("hot-wallet-1");
        assertThat(ContractId.of("ethereum", "0xabc").name()).isEqualTo("0xabc");
    }

    @ParameterizedTest(name = "\"{0}\" is no name")
    @ValueSource(strings = {"", " ", "hot wallet", "hot\twallet", "key\u0000", "a/b", "a\\b", "50%", "a;b", ".", "..",
            "zero\u200bwidth", "non\u00a0breaking"})
    void namesWithWhitespaceControlCharactersOrUrlDelimitersAreRefused(String name) {
        assertThatThrownBy(() -> SigningKeyId.of(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeId.of(name)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WithdrawalChannelId.of(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNameIsAtMostAHundredCharacters() {
        assertThat(SigningKeyId.of("k".repeat(100)).name()).hasSize(100);
        assertThatThrownBy(() -> SigningKeyId.of("k".repeat(101))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNullNameIsRefused() {
        assertThatThrownBy(() -> SigningKeyId.of(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesMayUseDotsColonsAndNonAsciiLetters() {
        assertThat(NodeId.of("val-3.fra:eu").name()).isEqualTo("val-3.fra:eu");
        assertThat(SigningKeyId.of("clé-chaude").name()).isEqualTo("clé-chaude");
    }

    @Test
    void aHexContractAddressAndItsChainAreLowerCased() {
        ContractId mixedCase = ContractId.of("Ethereum", "0x8315177aB297bA92A06054cE80a67Ed4DBd7ed3a");

        assertThat(mixedCase).isEqualTo(ContractId.of("ethereum", "0x8315177ab297ba92a06054ce80a67ed4dbd7ed3a"));
        assertThat(mixedCase).hasToString("contract:ethereum:0x8315177ab297ba92a06054ce80a67ed4dbd7ed3a");
    }

    @Test
    void aNonHexAddressKeepsItsCase() {
        assertThat(ContractId.of("solana", "JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4").address())
                .isEqualTo("JUP6LkbZbjS1jKKwapdHNy74zcZ3tLUZoi5QNyVTaV4");
    }

    @Test
    void aContractNeedsAValidChainAndAddress() {
        assertThatThrownBy(() -> ContractId.of(null, "0xabc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContractId.of("ethereum", "0xab:c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ContractId.of("eth main", "0xabc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void walletsAreCanonicalSoThatTheSameWalletIsEqual() {
        assertThat(new WalletRef("ETHEREUM", "0xABC")).isEqualTo(new WalletRef("ethereum", "0xabc"));
    }

    @Test
    void eventsWithIdsSurviveTheEventSerializer() {
        List<Object> events = List.of(
                new SigningKeyRotated(SigningKeyId.of("hot-1"), SigningKeyId.of("hot-2"), "rotation"),
                new ContractPaused(ContractId.of("ethereum", "0xabc"),
                        new IncidentId("6f1c2a7e-3b4d-4e5f-8a9b-0c1d2e3f4a5b"), "s-1", "exploit", null),
                new WithdrawalChannelRegistered(WithdrawalChannelId.of("eth-hot"), "ETH", null,
                        List.of(new WalletRef("ethereum", "0xabc")), null));

        for (Object event : events) {
            SerializedObject<byte[]> stored = SERIALIZER.serialize(event, byte[].class);
            assertThat((Object) SERIALIZER.deserialize(stored)).isEqualTo(event);
        }
    }

    @Test
    void aStoredContractIdHoldsChainAndAddressOnly() {
        SerializedObject<byte[]> stored = SERIALIZER.serialize(
                new ContractRegistered(ContractId.of("ethereum", "0xabc"), "Vault"), byte[].class);

        assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                .isEqualTo("{\"contractId\":{\"chain\":\"ethereum\",\"address\":\"0xabc\"},\"name\":\"Vault\"}");
    }
}
