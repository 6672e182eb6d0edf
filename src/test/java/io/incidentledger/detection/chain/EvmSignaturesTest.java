package io.incidentledger.detection.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The selectors and topics the follower names, against the values every block explorer shows. */
class EvmSignaturesTest {

    @Test
    void theTransferTopicIsTheOneOfErc20() {
        assertThat(EvmSignatures.TRANSFER_TOPIC)
                .isEqualTo("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
    }

    @Test
    void adminEventsAreNamedByTheirSignatureAndOtherEventsNotAtAll() {
        assertThat(EvmSignatures.privilegedEvent(
                "0x8BE0079C531659141344CD1FD0A4F28419497F9722A3DAAFE3B4186F6B6457E0"))
                .isEqualTo("OwnershipTransferred(address,address)");
        assertThat(EvmSignatures.privilegedEvent(
                "0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b")).isEqualTo("Upgraded(address)");
        assertThat(EvmSignatures.privilegedEvent(
                "0x2f8788117e7eff1d82e926ec794901d17c78024a50270940304540a733656f0d"))
                .isEqualTo("RoleGranted(bytes32,address,address)");
        assertThat(EvmSignatures.privilegedEvent(
                "0x62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258")).isEqualTo("Paused(address)");
        assertThat(EvmSignatures.privilegedEvent(EvmSignatures.TRANSFER_TOPIC)).isNull();
    }

    @Test
    void aKnownCallIsNamedByItsSignatureAnyOtherByItsSelectorAndAPlainTransferByNothing() {
        assertThat(EvmSignatures.method("0xa9059cbb000000000000000000000000")).isEqualTo("transfer(address,uint256)");
        assertThat(EvmSignatures.method("0xF2FDE38B0000")).isEqualTo("transferOwnership(address)");
        assertThat(EvmSignatures.method("0x3659cfe6")).isEqualTo("upgradeTo(address)");
        assertThat(EvmSignatures.method("0x12345678ff")).isEqualTo("0x12345678");
        assertThat(EvmSignatures.method("0x")).isNull();
        assertThat(EvmSignatures.method("0x1234")).isNull();
        assertThat(EvmSignatures.method(null)).isNull();
    }
}
