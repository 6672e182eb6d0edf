package io.incidentledger.ledger.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The events a whole-store pass finds passed over: stored at or below the low-water mark, and named by no leaf. */
class PassedOverCheckTest {

    private static List<Long> passedOver(PassedOverCheck check) {
        List<Long> indices = new ArrayList<>();
        check.forEachPassedOver(indices::add);
        return indices;
    }

    @Test
    void anEventAtOrBelowTheMarkWithoutALeafIsPassedOverWhateverTheOrderOfTheWalks() {
        PassedOverCheck check = new PassedOverCheck(10);
        for (long index : new long[] {7, 0, 3, 10, 5}) {
            check.stored(index);
        }
        // leaves come in leaf order, which need not be global-index order
        for (long index : new long[] {5, 3, 7}) {
            check.logged(index);
        }

        assertThat(check.usable()).isTrue();
        assertThat(passedOver(check)).containsExactly(0L, 10L);
    }

    @Test
    void eventsAndLeavesAboveTheMarkAreNoneOfItsBusiness() {
        PassedOverCheck check = new PassedOverCheck(4);
        check.stored(3);
        check.stored(9);
        check.logged(3);
        check.logged(12);
        check.logged(-1);

        assertThat(passedOver(check)).isEmpty();
    }

    @Test
    void aMarkNoBitmapCanIndexLeavesTheCheckToTheDatabase() {
        PassedOverCheck check = new PassedOverCheck(Integer.MAX_VALUE);
        check.stored(1);

        assertThat(check.usable()).isFalse();
        assertThat(new PassedOverCheck(-1).usable()).as("nothing admitted yet").isTrue();
    }
}
