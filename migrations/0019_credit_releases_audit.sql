-- Audit credit-hold releases under their customer (see 0001); a release is never changed, a new one is added.
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON credit_releases FOR EACH ROW EXECUTE FUNCTION relais_audit('credit_release', 'customer_id', 'customer');
--> statement-breakpoint
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON credit_releases FOR EACH ROW EXECUTE FUNCTION relais_append_only();
