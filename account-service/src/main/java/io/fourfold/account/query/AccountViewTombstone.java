package io.fourfold.account.query;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An erased account's last sequence, so a redelivered older event cannot bring its row back. */
@Entity
@Table(name = "account_view_tombstone")
public class AccountViewTombstone extends PanacheEntityBase {

  @Id public String id;
  public long version;
}
