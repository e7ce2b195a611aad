CREATE TABLE "receivable_notes" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"invoice_id" uuid,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"promised_date" date,
	"promised_amount" numeric(18, 2),
	"follow_up_date" date,
	"task_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "receivable_notes_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE INDEX "receivable_notes_customer_idx" ON "receivable_notes" USING btree ("company_id","customer_id","created_at");