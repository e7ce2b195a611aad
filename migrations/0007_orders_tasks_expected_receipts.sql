CREATE TABLE "order_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"description" text NOT NULL,
	"customer_product_code" text,
	"quantity" numeric(18, 3) NOT NULL,
	"unit" text NOT NULL,
	"unit_price" numeric(18, 4) NOT NULL,
	"discount_percent" numeric(5, 2) DEFAULT '0' NOT NULL,
	"net_amount" numeric(18, 2) NOT NULL,
	"vat_category" text NOT NULL,
	"vat_rate" numeric(5, 2) NOT NULL,
	"expected_unit_price" numeric(18, 4),
	"expected_discount_percent" numeric(5, 2),
	"price_source" jsonb,
	"requested_delivery_date" date,
	"promised_ship_date" date,
	"promised_delivery_date" date,
	"warehouse_id" uuid,
	"reserved_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"backorder_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"delivered_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"invoiced_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"cancelled_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"buyer_line_id" text,
	CONSTRAINT "order_lines_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "order_lines_quantities" CHECK ("order_lines"."quantity" > 0 and "order_lines"."delivered_quantity" >= 0 and "order_lines"."reserved_quantity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "order_versions" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"reason" text,
	"snapshot" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "order_versions_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"customer_reference" text,
	"ship_to_id" uuid,
	"requested_delivery_date" date,
	"promised_delivery_date" date,
	"order_date" date NOT NULL,
	"currency" text NOT NULL,
	"language" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text DEFAULT 'api' NOT NULL,
	"quote_id" uuid,
	"contact_email" text,
	"notes" text,
	"net" numeric(18, 2) NOT NULL,
	"vat" numeric(18, 2) NOT NULL,
	"gross" numeric(18, 2) NOT NULL,
	"vat_breakdown" jsonb NOT NULL,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"override_reason" text,
	"overridden_by" uuid,
	"overridden_at" timestamp with time zone,
	"hold_reason" text,
	"status_before_hold" text,
	"cancel_reason" text,
	"confirmed_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "orders_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "stock_expected_receipts" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(18, 3) NOT NULL,
	"expected_date" date NOT NULL,
	"reference" text,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stock_expected_receipts_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "tasks" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"kind" text DEFAULT 'manual' NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"assignee_id" uuid,
	"team" text,
	"due_date" date,
	"related_type" text,
	"related_id" uuid,
	"payload" jsonb,
	"status" text DEFAULT 'open' NOT NULL,
	"dedupe_key" text,
	"created_by" uuid,
	"completed_by" uuid,
	"completed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tasks_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "order_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "order_lines" ADD CONSTRAINT "order_lines_company_id_order_id_orders_company_id_id_fk" FOREIGN KEY ("company_id","order_id") REFERENCES "public"."orders"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_lines_order_idx" ON "order_lines" USING btree ("company_id","order_id","position");--> statement-breakpoint
CREATE INDEX "order_lines_product_idx" ON "order_lines" USING btree ("company_id","product_id");--> statement-breakpoint
CREATE UNIQUE INDEX "order_versions_uq" ON "order_versions" USING btree ("company_id","order_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_uq" ON "orders" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "orders_customer_idx" ON "orders" USING btree ("company_id","customer_id","customer_reference");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("company_id","status","promised_delivery_date");--> statement-breakpoint
CREATE INDEX "stock_expected_product_idx" ON "stock_expected_receipts" USING btree ("company_id","product_id","status","expected_date");--> statement-breakpoint
CREATE UNIQUE INDEX "tasks_dedupe_uq" ON "tasks" USING btree ("company_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "tasks_assignee_idx" ON "tasks" USING btree ("company_id","assignee_id","status");--> statement-breakpoint
CREATE INDEX "tasks_team_idx" ON "tasks" USING btree ("company_id","team","status");--> statement-breakpoint
CREATE INDEX "tasks_related_idx" ON "tasks" USING btree ("company_id","related_type","related_id");