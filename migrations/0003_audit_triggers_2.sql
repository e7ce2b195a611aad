-- Audit the customer knowledge, pricing, contracts and quotes tables with the same trigger (see 0001).
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customer_rules FOR EACH ROW EXECUTE FUNCTION relais_audit('customer_rule', 'customer_id', 'customer');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customer_product_refs FOR EACH ROW EXECUTE FUNCTION relais_audit('customer_product_ref', 'customer_id', 'customer');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customer_prices FOR EACH ROW EXECUTE FUNCTION relais_audit('customer_price', 'customer_id', 'customer');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customer_discounts FOR EACH ROW EXECUTE FUNCTION relais_audit('customer_discount', 'customer_id', 'customer');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON price_lists FOR EACH ROW EXECUTE FUNCTION relais_audit('price_list');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON price_list_items FOR EACH ROW EXECUTE FUNCTION relais_audit('price_list_item', 'price_list_id', 'price_list');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON contracts FOR EACH ROW EXECUTE FUNCTION relais_audit('contract');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON contract_lines FOR EACH ROW EXECUTE FUNCTION relais_audit('contract_line', 'contract_id', 'contract');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON quotes FOR EACH ROW EXECUTE FUNCTION relais_audit('quote');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON quote_lines FOR EACH ROW EXECUTE FUNCTION relais_audit('quote_line', 'quote_id', 'quote');
