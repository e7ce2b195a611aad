CREATE TABLE "bank_lines" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"statement_id" uuid NOT NULL,
	"key" text NOT NULL,
	"line_number" integer NOT NULL,
	"booking_date" date NOT NULL,
	"value_date" date,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"label" text NOT NULL,
	"remittance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"structured_reference" text,
	"end_to_end_id" text,
	"payer_name" text,
	"payer_iban" text,
	"bank_reference" text,
	"bank_transaction_code" text,
	"booked" boolean DEFAULT true NOT NULL,
	"reversal" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'unmatched' NOT NULL,
	"suggestion" jsonb,
	"payment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_lines_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "bank_statements" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"key" text NOT NULL,
	"format" text NOT NULL,
	"account" text,
	"currency" text NOT NULL,
	"from_date" date NOT NULL,
	"to_date" date NOT NULL,
	"opening_balance" numeric(18, 2) NOT NULL,
	"closing_balance" numeric(18, 2) NOT NULL,
	"file_name" text NOT NULL,
	"file_sha256" text NOT NULL,
	"file" "bytea" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bank_statements_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "customer_bank_accounts" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"iban" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "customer_bank_accounts_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "payment_allocations" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"payment_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"kind" text DEFAULT 'payment' NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"reason" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_allocations_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "payment_allocations_amount" CHECK ("payment_allocations"."amount" > 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"amount" numeric(18, 2) NOT NULL,
	"currency" text NOT NULL,
	"payment_date" date NOT NULL,
	"reference" text NOT NULL,
	"method" text DEFAULT 'transfer' NOT NULL,
	"source" text DEFAULT 'manual' NOT NULL,
	"bank_line_id" uuid,
	"allocated" numeric(18, 2) DEFAULT '0' NOT NULL,
	"note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payments_company_id_id_pk" PRIMARY KEY("company_id","id"),
	CONSTRAINT "payments_allocated" CHECK ("payments"."amount" > 0 and "payments"."allocated" >= 0 and "payments"."allocated" <= "payments"."amount")
);
--> statement-breakpoint
ALTER TABLE "bank_lines" ADD CONSTRAINT "bank_lines_company_id_statement_id_bank_statements_company_id_id_fk" FOREIGN KEY ("company_id","statement_id") REFERENCES "public"."bank_statements"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_allocations" ADD CONSTRAINT "payment_allocations_company_id_payment_id_payments_company_id_id_fk" FOREIGN KEY ("company_id","payment_id") REFERENCES "public"."payments"("company_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_lines_key_uq" ON "bank_lines" USING btree ("company_id","key");--> statement-breakpoint
CREATE INDEX "bank_lines_status_idx" ON "bank_lines" USING btree ("company_id","status","booking_date");--> statement-breakpoint
CREATE INDEX "bank_lines_statement_idx" ON "bank_lines" USING btree ("company_id","statement_id","line_number");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statements_key_uq" ON "bank_statements" USING btree ("company_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "customer_bank_accounts_iban_uq" ON "customer_bank_accounts" USING btree ("company_id","iban");--> statement-breakpoint
CREATE INDEX "customer_bank_accounts_customer_idx" ON "customer_bank_accounts" USING btree ("company_id","customer_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_payment_idx" ON "payment_allocations" USING btree ("company_id","payment_id");--> statement-breakpoint
CREATE INDEX "payment_allocations_invoice_idx" ON "payment_allocations" USING btree ("company_id","invoice_id");--> statement-breakpoint
CREATE INDEX "payments_customer_idx" ON "payments" USING btree ("company_id","customer_id","payment_date");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_bank_line_uq" ON "payments" USING btree ("company_id","bank_line_id");