package io.incidentledger.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The rule for a node's identity (docs/operations.md, "Node identity"). */
class NodeIdentityTest {

    @Test
    void aConfiguredNodeIdIsTheIdentity() {
        assertThat(NodeIdentity.of(new MockEnvironment().withProperty("incident-ledger.node-id", " ledger-eu-1 "))
                .id()).isEqualTo("ledger-eu-1");
    }

    @Test
    void withoutOneTheIdentityIsTheHostAndTheHttpPortWhichARestartKeeps() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.port", "8443");

        assertThat(NodeIdentity.of(environment).id()).endsWith(":8443").doesNotStartWith(":");
        assertThat(NodeIdentity.of(environment)).isEqualTo(NodeIdentity.of(environment));
        assertThat(NodeIdentity.of(new MockEnvironment()).id()).endsWith(":8080");
    }

    @Test
    void twoNodesOnTheSameHostDifferByTheirPorts() {
        assertThat(NodeIdentity.of(new MockEnvironment().withProperty("server.port", "8080")))
                .isNotEqualTo(NodeIdentity.of(new MockEnvironment().withProperty("server.port", "8081")));
    }

    @Test
    void aNodeOnARandomPortGetsANewIdentityAtEachStart() {
        MockEnvironment randomPort = new MockEnvironment().withProperty("server.port", "0")
                .withProperty("incident-ledger.node-id", "");

        assertThat(NodeIdentity.of(randomPort)).isNotEqualTo(NodeIdentity.of(randomPort));
    }

    @Test
    void anIdentityWiderThanTheOwnerColumnsIsRefused() {
        assertThatThrownBy(() -> NodeIdentity.of(new MockEnvironment()
                .withProperty("incident-ledger.node-id", "n".repeat(256))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("incident-ledger.node-id");
    }
}
