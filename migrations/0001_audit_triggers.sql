-- The audit trail: one trigger function, attached to every audited table. It records who (the actor set by the
-- command runner with set_config('relais.actor_id', …, true)), when, which request, and what changed.
CREATE OR REPLACE FUNCTION relais_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  entity text := TG_ARGV[0];
  parent_col text := coalesce(TG_ARGV[1], '');
  parent_kind text := coalesce(TG_ARGV[2], '');
  hidden text[] := ARRAY['password_hash', 'token_hash'];
  ignored text[] := ARRAY['updated_at', 'version', 'created_at'];
  new_j jsonb;
  old_j jsonb;
  rec jsonb;
  diff jsonb;
  act text;
  actor text := nullif(current_setting('relais.actor_id', true), '');
  req text := nullif(current_setting('relais.request_id', true), '');
BEGIN
  IF TG_OP = 'INSERT' THEN
    new_j := to_jsonb(NEW) - hidden; rec := new_j; act := 'create';
  ELSIF TG_OP = 'UPDATE' THEN
    new_j := to_jsonb(NEW) - hidden; old_j := to_jsonb(OLD) - hidden; rec := new_j; act := 'update';
    SELECT jsonb_object_agg(n.key, jsonb_build_object('from', o.value, 'to', n.value)) INTO diff
      FROM jsonb_each(new_j) n JOIN jsonb_each(old_j) o ON o.key = n.key
     WHERE n.value IS DISTINCT FROM o.value AND NOT (n.key = ANY (ignored));
    IF diff IS NULL THEN RETURN NULL; END IF;
  ELSE
    old_j := to_jsonb(OLD) - hidden; rec := old_j; act := 'delete';
  END IF;
  INSERT INTO audit_log (company_id, entity_type, entity_id, parent_type, parent_id, action, actor_id, request_id, changes, snapshot)
  VALUES (
    coalesce((rec ->> 'company_id')::uuid, (rec ->> 'id')::uuid),
    entity,
    coalesce((rec ->> 'id')::uuid, (rec ->> 'user_id')::uuid),
    nullif(parent_kind, ''),
    CASE WHEN parent_col = '' THEN NULL ELSE (rec ->> parent_col)::uuid END,
    act,
    actor::uuid,
    req,
    diff,
    CASE WHEN act = 'update' THEN NULL ELSE rec END
  );
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON companies FOR EACH ROW EXECUTE FUNCTION relais_audit('company');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON company_users FOR EACH ROW EXECUTE FUNCTION relais_audit('company_user', 'company_id', 'company');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customers FOR EACH ROW EXECUTE FUNCTION relais_audit('customer');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customer_ship_tos FOR EACH ROW EXECUTE FUNCTION relais_audit('customer_ship_to', 'customer_id', 'customer');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON customer_contacts FOR EACH ROW EXECUTE FUNCTION relais_audit('customer_contact', 'customer_id', 'customer');
--> statement-breakpoint
CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON products FOR EACH ROW EXECUTE FUNCTION relais_audit('product');
