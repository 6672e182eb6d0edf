package io.incidentledger.ledger.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChainHeadsTest {

    private static final byte[] FIRST = {1};
    private static final byte[] SECOND = {2};

    @Test
    void aCommittedHeadAnswersForItsOwnSequenceNumberOnly() {
        ChainHeads heads = new ChainHeads(10);
        heads.committed("a", 4, FIRST);

        assertThat(heads.hashOf("a", 4)).isEqualTo(FIRST);
        assertThat(heads.hashOf("a", 3)).isNull();
        assertThat(heads.hashOf("b", 4)).isNull();
    }

    @Test
    void anOlderCommitNeverReplacesANewerHead() {
        ChainHeads heads = new ChainHeads(10);
        heads.committed("a", 5, SECOND);
        heads.committed("a", 4, FIRST);

        assertThat(heads.hashOf("a", 5)).isEqualTo(SECOND);
        assertThat(heads.hashOf("a", 4)).isNull();
    }

    @Test
    void theLeastRecentlyUsedAggregateIsForgottenBeyondTheCapacity() {
        ChainHeads heads = new ChainHeads(2);
        heads.committed("a", 0, FIRST);
        heads.committed("b", 0, FIRST);
        heads.hashOf("a", 0);
        heads.committed("c", 0, SECOND);

        assertThat(heads.hashOf("a", 0)).isEqualTo(FIRST);
        assertThat(heads.hashOf("b", 0)).isNull();
        assertThat(heads.hashOf("c", 0)).isEqualTo(SECOND);
    }
}
