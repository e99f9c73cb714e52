package io.fourfold.account.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One account as readers see it: the account read model, written only by its projector. */
@Entity
@Table(name = "account_view")
public class AccountView extends PanacheEntityBase {

  @Id public String id;
  public String email;

  @Column(name = "display_name")
  public String displayName;

  @Column(name = "password_hash")
  public String passwordHash;

  public String role;
  public String status;
  public String plan;

  /** The sequence of the last event applied to this row. */
  public long version;

  @Column(name = "created_at")
  public Instant createdAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
