package io.fourfold.eventing.store;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * Runs Axon's units of work in JTA transactions, so the event append, the token claims and any row
 * a service writes alongside (an email claim, a data key) commit or roll back together: Agroal
 * hands every statement of one transaction the same enlisted connection.
 *
 * <p>A unit of work that joins the caller's transaction "commits" before the caller does, and Axon
 * then caches the aggregate with its new events. If the caller's transaction rolls back after that,
 * {@code onOuterRollback} runs, so no cache keeps events the store never got.
 */
final class JtaAxonTransactionManager implements TransactionManager {

  private final jakarta.transaction.TransactionManager jta;
  private final Runnable onOuterRollback;

  JtaAxonTransactionManager(jakarta.transaction.TransactionManager jta, Runnable onOuterRollback) {
    this.jta = jta;
    this.onOuterRollback = onOuterRollback;
  }

  @Override
  public Transaction startTransaction() {
    try {
      if (jta.getStatus() != Status.STATUS_NO_TRANSACTION) {
        jta.getTransaction().registerSynchronization(new OuterOutcome());
        return new JoinedTransaction();
      }
      jta.begin();
      return new OwnTransaction();
    } catch (Exception e) {
      throw new IllegalStateException("Cannot begin a transaction", e);
    }
  }

  /** Watches the caller's transaction end. */
  private final class OuterOutcome implements Synchronization {
    @Override
    public void beforeCompletion() {}

    @Override
    public void afterCompletion(int status) {
      if (status != Status.STATUS_COMMITTED) {
        onOuterRollback.run();
      }
    }
  }

  /** A transaction this manager began: it commits or rolls back. */
  private final class OwnTransaction implements Transaction {
    @Override
    public void commit() {
      try {
        jta.commit();
      } catch (Exception e) {
        throw new IllegalStateException("Commit failed", e);
      }
    }

    @Override
    public void rollback() {
      try {
        jta.rollback();
      } catch (SystemException e) {
        throw new IllegalStateException("Rollback failed", e);
      }
    }
  }

  /** The caller's transaction: the caller commits; a failure here only marks it rollback-only. */
  private final class JoinedTransaction implements Transaction {
    @Override
    public void commit() {}

    @Override
    public void rollback() {
      try {
        jta.setRollbackOnly();
      } catch (SystemException e) {
        throw new IllegalStateException("Cannot mark the transaction rollback-only", e);
      }
    }
  }
}
