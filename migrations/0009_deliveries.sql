CREATE TABLE "carriers" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"services" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cutoff_time" text,
	"working_weekdays" jsonb DEFAULT '[1,2,3,4,5]'::jsonb NOT NULL,
	"non_working_dates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"transit_times" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"default_transit_days" integer DEFAULT 1 NOT NULL,
	"tracking_url_template" text,
	"email" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "carriers_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"ship_to_id" uuid,
	"ship_to" jsonb,
	"language" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"planned_date" date NOT NULL,
	"planned_time" text,
	"ship_date" date NOT NULL,
	"carrier_id" uuid,
	"carrier_service" text,
	"tracking_number" text,
	"incoterm" text,
	"incoterm_place" text,
	"notes" text,
	"findings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"picked_at" timestamp with time zone,
	"shipped_at" timestamp with time zone,
	"notified_at" timestamp with time zone,
	"delivered_on" date,
	"pod_signatory" text,
	"pod_note" text,
	"pod_international" boolean,
	"protest_deadline" date,
	"follow_up_task_id" uuid,
	"cancel_reason" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliveries_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "delivery_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"order_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"sku" text NOT NULL,
	"description" text NOT NULL,
	"customer_product_code" text,
	"unit" text NOT NULL,
	"quantity" numeric(18, 3) NOT NULL,
	"picked_quantity" numeric(18, 3),
	"shipped_quantity" numeric(18, 3),
	"short_reason" text,
	"short_action" text,
	"damaged_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"missing_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"reservation_note" text,
	"returned_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	"invoiced_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "delivery_lines_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "delivery_lines_quantities" CHECK ("delivery_lines"."quantity" >= 0 and coalesce("delivery_lines"."picked_quantity", 0) >= 0 and coalesce("delivery_lines"."shipped_quantity", 0) >= 0
          and "delivery_lines"."returned_quantity" >= 0 and "delivery_lines"."returned_quantity" <= coalesce("delivery_lines"."shipped_quantity", 0))
);
--> statement-breakpoint
CREATE TABLE "delivery_parcels" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"delivery_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text DEFAULT 'parcel' NOT NULL,
	"weight_kg" numeric(12, 3),
	"sscc" text,
	"contents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "delivery_parcels_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "delivery_return_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"return_id" uuid NOT NULL,
	"delivery_line_id" uuid NOT NULL,
	"order_line_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"quantity" numeric(18, 3) NOT NULL,
	"reason" text NOT NULL,
	"condition" text NOT NULL,
	"disposition" text NOT NULL,
	"credited_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "delivery_return_lines_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "delivery_return_lines_quantity" CHECK ("delivery_return_lines"."quantity" > 0 and "delivery_return_lines"."credited_quantity" <= "delivery_return_lines"."quantity")
);
--> statement-breakpoint
CREATE TABLE "delivery_returns" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"number" text NOT NULL,
	"delivery_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "delivery_returns_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "eori" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "gs1_company_prefix" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "sscc_extension_digit" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "delivery_lines" ADD CONSTRAINT "delivery_lines_company_id_delivery_id_deliveries_company_id_id_fk" FOREIGN KEY ("company_id","delivery_id") REFERENCES "public"."deliveries"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_parcels" ADD CONSTRAINT "delivery_parcels_company_id_delivery_id_deliveries_company_id_id_fk" FOREIGN KEY ("company_id","delivery_id") REFERENCES "public"."deliveries"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "delivery_return_lines" ADD CONSTRAINT "delivery_return_lines_company_id_return_id_delivery_returns_company_id_id_fk" FOREIGN KEY ("company_id","return_id") REFERENCES "public"."delivery_returns"("company_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "carriers_code_uq" ON "carriers" USING btree ("company_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_number_uq" ON "deliveries" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "deliveries_status_idx" ON "deliveries" USING btree ("company_id","status","ship_date");--> statement-breakpoint
CREATE INDEX "deliveries_customer_idx" ON "deliveries" USING btree ("company_id","customer_id","planned_date");--> statement-breakpoint
CREATE INDEX "delivery_lines_delivery_idx" ON "delivery_lines" USING btree ("company_id","delivery_id","position");--> statement-breakpoint
CREATE INDEX "delivery_lines_order_line_idx" ON "delivery_lines" USING btree ("company_id","order_line_id");--> statement-breakpoint
CREATE INDEX "delivery_lines_order_idx" ON "delivery_lines" USING btree ("company_id","order_id");--> statement-breakpoint
CREATE INDEX "delivery_parcels_delivery_idx" ON "delivery_parcels" USING btree ("company_id","delivery_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_parcels_sscc_uq" ON "delivery_parcels" USING btree ("company_id","sscc");--> statement-breakpoint
CREATE INDEX "delivery_return_lines_return_idx" ON "delivery_return_lines" USING btree ("company_id","return_id");--> statement-breakpoint
CREATE UNIQUE INDEX "delivery_returns_number_uq" ON "delivery_returns" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "delivery_returns_delivery_idx" ON "delivery_returns" USING btree ("company_id","delivery_id");--> statement-breakpoint
CREATE INDEX "delivery_returns_customer_idx" ON "delivery_returns" USING btree ("company_id","customer_id");