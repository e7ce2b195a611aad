-- Audit the follow-up notes (calls, promises to pay) under their customer (see 0001).
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON receivable_notes FOR EACH ROW EXECUTE FUNCTION relais_audit('receivable_note', 'customer_id', 'customer');
