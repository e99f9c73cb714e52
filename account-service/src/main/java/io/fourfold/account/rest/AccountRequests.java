package io.fourfold.account.rest;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The bodies clients send to the account endpoints. */
final class AccountRequests {

  private AccountRequests() {}

  /** {@code POST /api/v1/accounts}. */
  record Registration(
      @NotBlank @Email @Size(max = 254) String email,
      @NotBlank @Size(max = 100) String displayName,
      @NotBlank @Size(min = 8, max = 128) String password) {}

  /** {@code PATCH /api/v1/accounts/{id}}: only the fields present change. */
  record ProfilePatch(
      @Email @Size(min = 3, max = 254) String email,
      @Size(min = 1, max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank")
          String displayName) {}

  /** {@code PUT /api/v1/accounts/{id}/password}. */
  record PasswordChange(
      @NotBlank @Size(max = 128) String currentPassword,
      @NotBlank @Size(min = 8, max = 128) String newPassword) {}

  /** {@code POST /api/v1/accounts/{id}/suspend} and {@code /reactivate}. */
  record StatusChange(@NotBlank @Size(max = 500) String reason) {}
}
