-- Plateforme Agréée: what the database enforces (custom migration).
-- 1. The outbox, the deposit attempts, the emitted lifecycle messages, the received statuses and the sync runs are append-only.
CREATE TRIGGER pa_transmissions_append_only BEFORE UPDATE OR DELETE ON pa_transmissions FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER pa_deposit_attempts_append_only BEFORE UPDATE OR DELETE ON pa_deposit_attempts FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER lifecycle_messages_append_only BEFORE UPDATE OR DELETE ON lifecycle_messages FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER lifecycle_statuses_append_only BEFORE UPDATE OR DELETE ON lifecycle_statuses FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
CREATE TRIGGER pa_sync_runs_append_only BEFORE UPDATE OR DELETE ON pa_sync_runs FOR EACH ROW EXECUTE FUNCTION facturation_append_only();
--> statement-breakpoint
-- 2. Every document that leaves the draft state (issued, or imported as already issued) is queued for the
--    platform in the same transaction: a crash between the issue and the deposit loses nothing.
CREATE OR REPLACE FUNCTION facturation_queue_transmission() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status NOT IN ('draft', 'cancelled') AND NEW.number IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.status = 'draft') THEN
    INSERT INTO pa_transmissions (invoice_id, tracking_id, flow_syntax) VALUES (NEW.id, NEW.number, 'Factur-X') ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoices_queue_transmission AFTER INSERT OR UPDATE OF status ON invoices FOR EACH ROW EXECUTE FUNCTION facturation_queue_transmission();
--> statement-breakpoint
-- 3. Documents issued before this migration are queued too.
INSERT INTO pa_transmissions (invoice_id, tracking_id, flow_syntax)
  SELECT id, number, 'Factur-X' FROM invoices WHERE status NOT IN ('draft', 'cancelled') AND number IS NOT NULL ORDER BY id
  ON CONFLICT DO NOTHING;
