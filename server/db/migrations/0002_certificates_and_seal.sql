CREATE TABLE "seal_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"status" text NOT NULL,
	"origin" text NOT NULL,
	"organ_name" text NOT NULL,
	"seal_code" text,
	"subject" text NOT NULL,
	"serial_number" text NOT NULL,
	"fingerprint" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"certificate_pem" text NOT NULL,
	"pkcs12" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"created_by" text NOT NULL,
	"retired_at" timestamp (3) with time zone,
	CONSTRAINT "seal_keys_status" CHECK ("seal_keys"."status" in ('active', 'retired')),
	CONSTRAINT "seal_keys_origin" CHECK ("seal_keys"."origin" in ('generated', 'imported'))
);
--> statement-breakpoint
CREATE TABLE "seal_uses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"seal_key_id" uuid NOT NULL,
	"document_kind" text NOT NULL,
	"document_reference" text NOT NULL,
	"pdf_sha256" text NOT NULL,
	"reason" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_counters" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"type_code" text NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "certificate_counters_region_code_year_type_code_pk" PRIMARY KEY("region_code","year","type_code")
);
--> statement-breakpoint
CREATE TABLE "certificate_templates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"item_id" uuid NOT NULL,
	"type_code" text NOT NULL,
	"title" text NOT NULL,
	"title_en" text NOT NULL,
	"fields" jsonb NOT NULL,
	"validity_years" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"number" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"lineage_id" uuid NOT NULL,
	"previous_id" uuid,
	"template_id" uuid,
	"type_code" text NOT NULL,
	"title" text NOT NULL,
	"item_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"case_id" uuid,
	"holder_kind" text NOT NULL,
	"holder_name" text NOT NULL,
	"holder_id_number" text NOT NULL,
	"holder_account_id" uuid,
	"fields" jsonb NOT NULL,
	"issued_on" date NOT NULL,
	"valid_until" date,
	"issuer" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"status_reason" text,
	"status_changed_at" timestamp with time zone,
	"pdf_sha256" text NOT NULL,
	"metadata" jsonb NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_status" CHECK ("certificates"."status" in ('valid', 'changed', 'revoked')),
	CONSTRAINT "certificates_holder_kind" CHECK ("certificates"."holder_kind" in ('person', 'enterprise'))
);
--> statement-breakpoint
DROP INDEX "cases_phase_due";--> statement-breakpoint
ALTER TABLE "seal_uses" ADD CONSTRAINT "seal_uses_seal_key_id_seal_keys_id_fk" FOREIGN KEY ("seal_key_id") REFERENCES "public"."seal_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_templates" ADD CONSTRAINT "certificate_templates_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_templates" ADD CONSTRAINT "certificate_templates_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_template_id_certificate_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."certificate_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_holder_account_id_accounts_id_fk" FOREIGN KEY ("holder_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_created_by_id_accounts_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "seal_keys_one_active" ON "seal_keys" USING btree ("region_code") WHERE "seal_keys"."status" = 'active';--> statement-breakpoint
CREATE INDEX "seal_keys_fingerprint" ON "seal_keys" USING btree ("fingerprint");--> statement-breakpoint
CREATE INDEX "seal_uses_document" ON "seal_uses" USING btree ("region_code","document_kind","document_reference");--> statement-breakpoint
CREATE INDEX "seal_uses_pdf" ON "seal_uses" USING btree ("pdf_sha256");--> statement-breakpoint
CREATE INDEX "seal_uses_key" ON "seal_uses" USING btree ("seal_key_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificate_templates_item" ON "certificate_templates" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_number_version" ON "certificates" USING btree ("region_code","number","version");--> statement-breakpoint
CREATE INDEX "certificates_number" ON "certificates" USING btree ("number");--> statement-breakpoint
CREATE INDEX "certificates_holder" ON "certificates" USING btree ("holder_id_number");--> statement-breakpoint
CREATE INDEX "certificates_case" ON "certificates" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "certificates_sha" ON "certificates" USING btree ("pdf_sha256");--> statement-breakpoint
CREATE INDEX "certificates_lineage" ON "certificates" USING btree ("lineage_id");--> statement-breakpoint
CREATE INDEX "cases_phase_due" ON "cases" USING btree ("region_code","phase","due_date","number");