package io.fourfold.blob.exports.projection;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The worker's queue in the {@code blob} database. A job is claimed for a while rather than locked:
 * instances share the queue, and a job whose worker died is taken again once its claim runs out.
 */
@ApplicationScoped
public class ExportJobs {

  private static final int BATCH = 10;

  private final AgroalDataSource dataSource;

  public ExportJobs(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Claims the jobs that are due, for ten minutes. */
  public List<ExportJob> claim() {
    String sql =
        "UPDATE export_job SET claimed_until = now() + interval '10 minutes',"
            + " attempts = attempts + 1 WHERE job_id IN (SELECT job_id FROM export_job"
            + " WHERE eligible_at <= now() AND (claimed_until IS NULL OR claimed_until < now())"
            + " ORDER BY eligible_at LIMIT "
            + BATCH
            + " FOR UPDATE SKIP LOCKED)"
            + " RETURNING job_id, kind, account_id, export_id, attempts";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement claim = connection.prepareStatement(sql);
        ResultSet rows = claim.executeQuery()) {
      List<ExportJob> jobs = new ArrayList<>();
      while (rows.next()) {
        jobs.add(
            new ExportJob(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getString(4),
                rows.getInt(5)));
      }
      return jobs;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot claim export jobs", e);
    }
  }

  /** The job is done. */
  public void done(ExportJob job) {
    update("DELETE FROM export_job WHERE job_id = ?", job.jobId());
  }

  /**
   * The job failed this time: it is due again after a pause that grows with its attempts (up to
   * half a minute).
   */
  public void retryLater(ExportJob job) {
    update(
        "UPDATE export_job SET claimed_until = NULL,"
            + " eligible_at = now() + least(attempts, 15) * interval '2 seconds' WHERE job_id = ?",
        job.jobId());
  }

  /**
   * The job could not run yet (the projection has not folded what it needs): due again shortly, and
   * this attempt does not count.
   */
  public void notYet(ExportJob job) {
    update(
        "UPDATE export_job SET claimed_until = NULL, attempts = attempts - 1,"
            + " eligible_at = now() + interval '1 second' WHERE job_id = ?",
        job.jobId());
  }

  private void update(String sql, String jobId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, jobId);
      statement.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot update export job " + jobId, e);
    }
  }
}
