-- Audit dunning runs, letters (under their run) and the per-invoice reminder history (see 0001).
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON dunning_runs FOR EACH ROW EXECUTE FUNCTION relais_audit('dunning_run');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON dunning_letters FOR EACH ROW EXECUTE FUNCTION relais_audit('dunning_letter', 'run_id', 'dunning_run');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON invoice_dunning FOR EACH ROW EXECUTE FUNCTION relais_audit('invoice_dunning', 'invoice_id', 'invoice');
--> statement-breakpoint
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON invoice_dunning FOR EACH ROW EXECUTE FUNCTION relais_append_only();
