-- Audit orders, their lines, tasks and expected receipts with the same trigger (see 0001).
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH ROW EXECUTE FUNCTION relais_audit('order');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON order_lines FOR EACH ROW EXECUTE FUNCTION relais_audit('order_line', 'order_id', 'order');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW EXECUTE FUNCTION relais_audit('task');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON stock_expected_receipts FOR EACH ROW EXECUTE FUNCTION relais_audit('expected_receipt');
