CREATE TABLE "exchange_rates" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"currency" text NOT NULL,
	"rate_date" date NOT NULL,
	"rate" numeric(18, 8) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_rates_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_allowance_charges" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"vat_category" text NOT NULL,
	"vat_rate" numeric(5, 2) NOT NULL,
	"reason" text NOT NULL,
	"reason_code" text,
	CONSTRAINT "invoice_allowance_charges_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "invoice_allowance_charges_kind" CHECK ("invoice_allowance_charges"."kind" in ('allowance', 'charge'))
);
--> statement-breakpoint
CREATE TABLE "invoice_documents" (
	"company_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"sha256" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_documents_company_id_invoice_id_format_pk" PRIMARY KEY("company_id","invoice_id","format")
);
--> statement-breakpoint
CREATE TABLE "invoice_lifecycle_events" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"code" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"note" text,
	"source" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoice_lifecycle_events_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"product_id" uuid,
	"sku" text NOT NULL,
	"name" text NOT NULL,
	"customer_product_code" text,
	"gtin" text,
	"quantity" numeric(18, 3) NOT NULL,
	"unit" text NOT NULL,
	"unit_price" numeric(18, 4) NOT NULL,
	"discount_percent" numeric(7, 4),
	"net_amount" numeric(18, 2) NOT NULL,
	"vat_category" text NOT NULL,
	"vat_rate" numeric(5, 2) NOT NULL,
	"nature" text DEFAULT 'goods' NOT NULL,
	"order_id" uuid,
	"order_line_id" uuid,
	"delivery_id" uuid,
	"delivery_line_id" uuid,
	"down_payment_invoice_id" uuid,
	"credited_line_id" uuid,
	"return_line_id" uuid,
	"credited_quantity" numeric(18, 3) DEFAULT '0' NOT NULL,
	CONSTRAINT "invoice_lines_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoices" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"type" text NOT NULL,
	"purpose" text DEFAULT 'standard' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"series" text,
	"number" text,
	"issue_date" date,
	"due_date" date,
	"customer_id" uuid NOT NULL,
	"customer" jsonb NOT NULL,
	"seller" jsonb,
	"delivery_address" jsonb,
	"customer_reference" text,
	"order_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"delivery_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"currency" text NOT NULL,
	"exchange_rate" numeric(18, 8),
	"vat_total_eur" numeric(18, 2),
	"vat_regime" text NOT NULL,
	"operation_category" text NOT NULL,
	"payment_terms" jsonb NOT NULL,
	"delivery_date" date,
	"period_start" date,
	"period_end" date,
	"line_total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"allowance_total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"charge_total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"net" numeric(18, 2) DEFAULT '0' NOT NULL,
	"vat" numeric(18, 2) DEFAULT '0' NOT NULL,
	"gross" numeric(18, 2) DEFAULT '0' NOT NULL,
	"vat_breakdown" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"amount_due" numeric(18, 2) DEFAULT '0' NOT NULL,
	"preceding_invoice_id" uuid,
	"return_id" uuid,
	"reinvoice" boolean DEFAULT false NOT NULL,
	"reason" text,
	"note" text,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"payment_terms_text" text,
	"run_id" uuid,
	"lifecycle_code" text,
	"lifecycle_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"issued_at" timestamp with time zone,
	"issued_by" uuid,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "invoices_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "invoices_issued_numbered" CHECK ("invoices"."status" <> 'issued' or ("invoices"."number" is not null and "invoices"."issue_date" is not null))
);
--> statement-breakpoint
CREATE TABLE "invoicing_runs" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"up_to_date" date NOT NULL,
	"customer_id" uuid,
	"issue" boolean DEFAULT false NOT NULL,
	"send" boolean DEFAULT false NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"processed" integer DEFAULT 0 NOT NULL,
	"errors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"created_by" uuid,
	CONSTRAINT "invoicing_runs_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "invoice_settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "invoice_allowance_charges" ADD CONSTRAINT "invoice_allowance_charges_company_id_invoice_id_invoices_company_id_id_fk" FOREIGN KEY ("company_id","invoice_id") REFERENCES "public"."invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_documents" ADD CONSTRAINT "invoice_documents_company_id_invoice_id_invoices_company_id_id_fk" FOREIGN KEY ("company_id","invoice_id") REFERENCES "public"."invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lifecycle_events" ADD CONSTRAINT "invoice_lifecycle_events_company_id_invoice_id_invoices_company_id_id_fk" FOREIGN KEY ("company_id","invoice_id") REFERENCES "public"."invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_lines" ADD CONSTRAINT "invoice_lines_company_id_invoice_id_invoices_company_id_id_fk" FOREIGN KEY ("company_id","invoice_id") REFERENCES "public"."invoices"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_rates_uq" ON "exchange_rates" USING btree ("company_id","currency","rate_date");--> statement-breakpoint
CREATE INDEX "invoice_allowance_charges_invoice_idx" ON "invoice_allowance_charges" USING btree ("company_id","invoice_id","position");--> statement-breakpoint
CREATE INDEX "invoice_lifecycle_invoice_idx" ON "invoice_lifecycle_events" USING btree ("company_id","invoice_id","occurred_at");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_lifecycle_uq" ON "invoice_lifecycle_events" USING btree ("company_id","invoice_id","code","occurred_at");--> statement-breakpoint
CREATE INDEX "invoice_lines_invoice_idx" ON "invoice_lines" USING btree ("company_id","invoice_id","position");--> statement-breakpoint
CREATE INDEX "invoice_lines_order_line_idx" ON "invoice_lines" USING btree ("company_id","order_line_id");--> statement-breakpoint
CREATE INDEX "invoice_lines_delivery_line_idx" ON "invoice_lines" USING btree ("company_id","delivery_line_id");--> statement-breakpoint
CREATE INDEX "invoice_lines_down_payment_idx" ON "invoice_lines" USING btree ("company_id","down_payment_invoice_id");--> statement-breakpoint
CREATE UNIQUE INDEX "invoices_number_uq" ON "invoices" USING btree ("company_id","number");--> statement-breakpoint
CREATE INDEX "invoices_customer_idx" ON "invoices" USING btree ("company_id","customer_id","issue_date");--> statement-breakpoint
CREATE INDEX "invoices_status_idx" ON "invoices" USING btree ("company_id","status","issue_date");--> statement-breakpoint
CREATE INDEX "invoices_series_idx" ON "invoices" USING btree ("company_id","series","issue_date");--> statement-breakpoint
CREATE INDEX "invoices_preceding_idx" ON "invoices" USING btree ("company_id","preceding_invoice_id");--> statement-breakpoint
CREATE INDEX "invoices_run_idx" ON "invoices" USING btree ("company_id","run_id");--> statement-breakpoint
CREATE INDEX "invoicing_runs_started_idx" ON "invoicing_runs" USING btree ("company_id","started_at");