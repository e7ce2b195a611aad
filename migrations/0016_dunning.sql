CREATE TABLE "dunning_letters" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"customer_id" uuid NOT NULL,
	"currency" text NOT NULL,
	"level" integer NOT NULL,
	"level_name" text NOT NULL,
	"channel" text NOT NULL,
	"email" text,
	"language" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"items" jsonb NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"status" text DEFAULT 'proposed' NOT NULL,
	"mail_id" uuid,
	"sent_at" timestamp with time zone,
	"sent_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_letters_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "dunning_runs" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"as_of" date NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dunning_runs_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE TABLE "invoice_dunning" (
	"company_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"letter_id" uuid NOT NULL,
	"level" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	CONSTRAINT "invoice_dunning_company_id_id_pk" PRIMARY KEY("company_id","id")
);
--> statement-breakpoint
CREATE INDEX "dunning_letters_run_idx" ON "dunning_letters" USING btree ("company_id","run_id");--> statement-breakpoint
CREATE INDEX "dunning_letters_customer_idx" ON "dunning_letters" USING btree ("company_id","customer_id","created_at");--> statement-breakpoint
CREATE INDEX "dunning_runs_as_of_idx" ON "dunning_runs" USING btree ("company_id","as_of");--> statement-breakpoint
CREATE INDEX "invoice_dunning_invoice_idx" ON "invoice_dunning" USING btree ("company_id","invoice_id","level");