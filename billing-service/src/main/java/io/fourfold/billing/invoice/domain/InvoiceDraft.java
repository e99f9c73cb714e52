package io.fourfold.billing.invoice.domain;

import io.fourfold.billing.money.Money;
import io.fourfold.schema.billing.InvoiceLine;
import java.util.List;

/** The priced lines of an invoice about to be issued, and their total. */
public record InvoiceDraft(String currency, List<InvoiceLine> lines, Money total) {}
