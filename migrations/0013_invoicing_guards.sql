-- Issued invoices and credit notes are immutable (DOMAIN.md §2.5), enforced here as well as in the code.
-- After issue only the columns that follow the invoice's life may change: what is left to pay, the e-invoicing
-- lifecycle status, when it was sent. A draft may be issued or discarded (cancelled); nothing is ever deleted
-- once numbered. Archived documents and lifecycle events are append-only.
CREATE OR REPLACE FUNCTION relais_invoice_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  mutable text[] := ARRAY['amount_due', 'lifecycle_code', 'lifecycle_at', 'sent_at', 'updated_at', 'version'];
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'invoice % is % and cannot be deleted', coalesce(OLD.number, OLD.id::text), OLD.status
        USING ERRCODE = 'P0001', HINT = 'relais:invoice_immutable';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'draft' THEN
    RETURN NEW;
  END IF;
  IF (to_jsonb(NEW) - mutable) IS DISTINCT FROM (to_jsonb(OLD) - mutable) THEN
    RAISE EXCEPTION 'invoice % is % and cannot be modified', coalesce(OLD.number, OLD.id::text), OLD.status
      USING ERRCODE = 'P0001', HINT = 'relais:invoice_immutable';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_guard BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION relais_invoice_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_invoice_part_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent_status text;
  row_company uuid;
  row_invoice uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN
    row_company := OLD.company_id; row_invoice := OLD.invoice_id;
  ELSE
    row_company := NEW.company_id; row_invoice := NEW.invoice_id;
  END IF;
  SELECT status INTO parent_status FROM invoices WHERE company_id = row_company AND id = row_invoice;
  IF parent_status IS NULL OR parent_status = 'draft' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  -- An issued invoice line only records how much credit notes have credited.
  IF TG_TABLE_NAME = 'invoice_lines' AND TG_OP = 'UPDATE'
     AND (to_jsonb(NEW) - 'credited_quantity') IS NOT DISTINCT FROM (to_jsonb(OLD) - 'credited_quantity') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% of an issued invoice cannot be changed', TG_TABLE_NAME
    USING ERRCODE = 'P0001', HINT = 'relais:invoice_immutable';
END $$;
--> statement-breakpoint
CREATE TRIGGER invoice_part_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION relais_invoice_part_guard();
--> statement-breakpoint
CREATE TRIGGER invoice_part_guard BEFORE INSERT OR UPDATE OR DELETE ON invoice_allowance_charges FOR EACH ROW EXECUTE FUNCTION relais_invoice_part_guard();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION relais_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001', HINT = 'relais:invoice_immutable';
END $$;
--> statement-breakpoint
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON invoice_documents FOR EACH ROW EXECUTE FUNCTION relais_append_only();
--> statement-breakpoint
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON invoice_lifecycle_events FOR EACH ROW EXECUTE FUNCTION relais_append_only();
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION relais_audit('invoice');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION relais_audit('invoice_line', 'invoice_id', 'invoice');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON invoice_allowance_charges FOR EACH ROW EXECUTE FUNCTION relais_audit('invoice_allowance_charge', 'invoice_id', 'invoice');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT ON invoice_lifecycle_events FOR EACH ROW EXECUTE FUNCTION relais_audit('invoice_lifecycle_event', 'invoice_id', 'invoice');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON invoicing_runs FOR EACH ROW EXECUTE FUNCTION relais_audit('invoicing_run');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON exchange_rates FOR EACH ROW EXECUTE FUNCTION relais_audit('exchange_rate');
