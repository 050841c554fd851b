-- Rules the database enforces (custom migration; see db/README notes in the report).
-- 1. Issued invoices are immutable except status / dispute / sending / payment fields; never deleted.
CREATE OR REPLACE FUNCTION facturation_guard_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := ARRAY['status', 'amount_paid', 'disputed', 'dispute_reason', 'disputed_at', 'sent_at', 'sent_channel', 'cancelled_at'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'facture émise % : elle ne peut pas être supprimée (une correction passe par un avoir)', OLD.number
        USING ERRCODE = 'P0001', HINT = 'facturation:issued_invoice_immutable';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status <> 'draft' THEN
    IF NEW.status = 'draft' THEN
      RAISE EXCEPTION 'facture émise % : elle ne peut pas redevenir un brouillon', OLD.number
        USING ERRCODE = 'P0001', HINT = 'facturation:issued_invoice_immutable';
    END IF;
    IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
      RAISE EXCEPTION 'facture émise % : seuls le statut, le litige, l''envoi et le montant payé peuvent changer (une correction passe par un avoir)', OLD.number
        USING ERRCODE = 'P0001', HINT = 'facturation:issued_invoice_immutable';
    END IF;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_guard BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION facturation_guard_invoice();
--> statement-breakpoint
-- 2. Lines of an issued invoice cannot be added, changed or removed.
CREATE OR REPLACE FUNCTION facturation_guard_invoice_line() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  inv_status text;
  inv_number text;
  target integer;
BEGIN
  IF TG_OP = 'DELETE' THEN target := OLD.invoice_id; ELSE target := NEW.invoice_id; END IF;
  SELECT status, number INTO inv_status, inv_number FROM invoices WHERE id = target;
  IF FOUND AND inv_status <> 'draft' THEN
    RAISE EXCEPTION 'facture émise % : ses lignes ne peuvent pas être modifiées', inv_number
      USING ERRCODE = 'P0001', HINT = 'facturation:issued_invoice_immutable';
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.invoice_id <> NEW.invoice_id THEN
    SELECT status, number INTO inv_status, inv_number FROM invoices WHERE id = OLD.invoice_id;
    IF FOUND AND inv_status <> 'draft' THEN
      RAISE EXCEPTION 'facture émise % : ses lignes ne peuvent pas être modifiées', inv_number
        USING ERRCODE = 'P0001', HINT = 'facturation:issued_invoice_immutable';
    END IF;
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION facturation_guard_invoice_line();
--> statement-breakpoint
-- 3. Append-only tables: ledger, audit, payments, allocations, billed schedule items.
CREATE OR REPLACE FUNCTION facturation_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'table % : les écritures enregistrées ne peuvent être ni modifiées ni supprimées (%)', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'P0001', HINT = 'facturation:append_only';
END $$;
--> statement-breakpoint
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_lines_append_only BEFORE UPDATE OR DELETE ON ledger_lines FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER ledger_lines_no_truncate BEFORE TRUNCATE ON ledger_lines FOR EACH STATEMENT EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER payment_allocations_append_only BEFORE UPDATE OR DELETE ON payment_allocations FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER billed_schedule_items_append_only BEFORE UPDATE OR DELETE ON billed_schedule_items FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
-- 4. Every ledger entry balances (checked at commit, once all its lines are in).
CREATE OR REPLACE FUNCTION facturation_check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  target integer;
  total_debit numeric;
  total_credit numeric;
  line_count integer;
BEGIN
  IF TG_TABLE_NAME = 'ledger_entries' THEN target := NEW.id; ELSE target := NEW.entry_id; END IF;
  SELECT coalesce(sum(debit), 0), coalesce(sum(credit), 0), count(*) INTO total_debit, total_credit, line_count
    FROM ledger_lines WHERE entry_id = target;
  IF line_count < 2 OR total_debit <> total_credit THEN
    RAISE EXCEPTION 'écriture comptable % déséquilibrée : débit % ≠ crédit % (% lignes)', target, total_debit, total_credit, line_count
      USING ERRCODE = 'P0001', HINT = 'facturation:unbalanced_entry';
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_lines_balanced AFTER INSERT ON ledger_lines DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION facturation_check_entry_balanced();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER ledger_entries_balanced AFTER INSERT ON ledger_entries DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION facturation_check_entry_balanced();
--> statement-breakpoint
-- 5. Numbering formats are valid: at most 35 characters of [A-Za-z0-9+-_/] once the tokens are replaced.
ALTER TABLE numbering_series ADD CONSTRAINT numbering_series_format_check
  CHECK (length(format) <= 60 AND format ~ '\{N+\}' AND regexp_replace(format, '\{(YYYY|YY|MM|N+)\}', '', 'g') ~ '^[A-Za-z0-9+_/-]*$');
--> statement-breakpoint
ALTER TABLE numbering_series ADD CONSTRAINT numbering_series_last_number_check
  CHECK (last_number IS NULL OR last_number ~ '^[A-Za-z0-9+_/-]{1,35}$');
--> statement-breakpoint
-- 6. Seed rows: the two default series and the audit chain's genesis.
INSERT INTO numbering_series (id, label, format) VALUES
  ('F', 'Factures et acomptes', 'F-{YYYY}-{NNNNN}'),
  ('AV', 'Avoirs', 'AV-{YYYY}-{NNNNN}')
  ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO audit_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64)) ON CONFLICT (id) DO NOTHING;
