package no.nabolag.core.delivery;

/**
 * The account's pushes counted per tenth of a second, shared by every delivery worker of both lanes
 * ({@link SharedPushRate}). A claim adds permits to a slot's count only if the count stays within the slot's cap; the
 * cap an ordinary claim meets is lower while the slot's second is marked urgent.
 */
public interface PushRateLedger {
    /**
     * Adds {@code claim.permits()} to the slot's count if it then stays within the cap that applies to it.
     *
     * @return whether the permits were added (false: the slot has less room left than asked for)
     */
    boolean claim(Claim claim);

    /** The slot's count so far, and whether its second is marked urgent (a strongly consistent read). */
    Slot read(long epochSecond, int slot);

    /** Marks a second as one in which urgent posts are being sent, so ordinary claims leave the urgent reserve. */
    void markUrgent(long epochSecond);

    /**
     * @param urgentCap the cap while the second is marked urgent (for urgent claims the same as {@code cap}); a
     *                  claim of more permits than this cannot be granted in a marked second
     * @param urgent    an urgent lane's claim: it also marks its second
     */
    record Claim(long epochSecond, int slot, int permits, int cap, int urgentCap, boolean urgent) {
    }

    record Slot(int count, boolean urgent) {
    }
}
