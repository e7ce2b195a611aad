-- Audit carriers, deliveries (with their lines and parcels under the delivery) and returns (see 0001).
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON carriers FOR EACH ROW EXECUTE FUNCTION relais_audit('carrier');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON deliveries FOR EACH ROW EXECUTE FUNCTION relais_audit('delivery');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON delivery_lines FOR EACH ROW EXECUTE FUNCTION relais_audit('delivery_line', 'delivery_id', 'delivery');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON delivery_parcels FOR EACH ROW EXECUTE FUNCTION relais_audit('delivery_parcel', 'delivery_id', 'delivery');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON delivery_returns FOR EACH ROW EXECUTE FUNCTION relais_audit('delivery_return', 'delivery_id', 'delivery');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON delivery_return_lines FOR EACH ROW EXECUTE FUNCTION relais_audit('delivery_return_line', 'return_id', 'delivery_return');
