-- Audit payments, their allocations (under the payment), bank statements and lines, learned customer IBANs (see 0001).
-- Bank statements are append-only and carry who imported them (not copied into the audit log: they hold the file).
-- Allocations are never updated: a correction is a new row (append-only), like documents and lifecycle events.
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION relais_audit('payment');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON payment_allocations FOR EACH ROW EXECUTE FUNCTION relais_audit('payment_allocation', 'payment_id', 'payment');
--> statement-breakpoint
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON payment_allocations FOR EACH ROW EXECUTE FUNCTION relais_append_only();
--> statement-breakpoint
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON bank_statements FOR EACH ROW EXECUTE FUNCTION relais_append_only();
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON bank_lines FOR EACH ROW EXECUTE FUNCTION relais_audit('bank_line', 'statement_id', 'bank_statement');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customer_bank_accounts FOR EACH ROW EXECUTE FUNCTION relais_audit('customer_bank_account', 'customer_id', 'customer');
