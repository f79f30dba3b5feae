package io.qdranthybrid.platform.access;

/**
 * Tells a replica about keys revoked in the shared {@link AccessKeyStore}, by whichever replica revoked them (SPI), so
 * that its gateway cuts sessions that authenticated with them ({@link AccessKeys#followRevocations}). A feed may repeat
 * a revocation (a replica hears its own too) and, after it lost its connection, tells again the ones it may have
 * missed; cutting a session twice does nothing.
 *
 * <p>{@link #NONE} suits a single control-plane process; {@link InMemoryAccessKeyStore#revocationFeed()} serves replicas
 * sharing one in-memory store (tests); {@code PostgresAccessKeyRevocationFeed} uses PostgreSQL's {@code LISTEN/NOTIFY}.
 */
@FunctionalInterface
public interface AccessKeyRevocationFeed {

    /** A feed that never tells anything. */
    AccessKeyRevocationFeed NONE = listener -> {
    };

    /** From now on, tell {@code listener} every key revoked in the store, on any thread. */
    void subscribe(AccessKeyRevocationListener listener);
}
