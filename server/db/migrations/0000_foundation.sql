CREATE TABLE "audit_chain_heads" (
	"chain" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"chain" integer NOT NULL,
	"chain_seq" bigint NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"region_code" text,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"actor_role" text NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"summary" jsonb NOT NULL,
	"ip" text,
	"request_id" text,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stored_files" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" integer NOT NULL,
	"mime" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_units" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"short_name" text DEFAULT '' NOT NULL,
	"parent_id" uuid,
	"category" text,
	"zone_id" uuid,
	"chief_representative" text,
	"chief_representative_phone" text,
	"authorization" text,
	"successor_name" text,
	"duties" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	CONSTRAINT "org_units_kind" CHECK ("org_units"."kind" in ('bureau', 'section', 'centre', 'department', 'center_unit', 'committee')),
	CONSTRAINT "org_units_category" CHECK ("org_units"."category" is null or "org_units"."category" in ('government', 'utility', 'finance'))
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"level" text NOT NULL,
	"parent_code" text
);
--> statement-breakpoint
CREATE TABLE "townships" (
	"code" text PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"centre_name" text NOT NULL,
	"centre_address" text NOT NULL,
	"centre_phone" text NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "townships_kind" CHECK ("townships"."kind" in ('镇', '乡'))
);
--> statement-breakpoint
CREATE TABLE "windows" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "windows_kind" CHECK ("windows"."kind" in ('comprehensive', 'dedicated')),
	CONSTRAINT "windows_dedicated_unit" CHECK ("windows"."kind" = 'comprehensive' or "windows"."unit_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "zones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"parent_id" uuid,
	"queue_prefix" text,
	"description" text DEFAULT '' NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "zones_kind" CHECK ("zones"."kind" in ('hall', 'functional'))
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"kind" text NOT NULL,
	"roles" text[] NOT NULL,
	"password_hash" text NOT NULL,
	"subject_kind" text,
	"id_number" text,
	"phone" text,
	"email" text,
	"org_unit_id" uuid,
	"township_code" text,
	"window_id" uuid,
	"status" text DEFAULT 'active' NOT NULL,
	"is_demo" boolean DEFAULT false NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"password_changed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "accounts_kind" CHECK ("accounts"."kind" in ('staff', 'applicant')),
	CONSTRAINT "accounts_status" CHECK ("accounts"."status" in ('active', 'disabled')),
	CONSTRAINT "accounts_applicant_subject_kind" CHECK ("accounts"."kind" = 'staff' or ("accounts"."subject_kind" in ('person', 'enterprise') and "accounts"."id_number" is not null))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "item_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	"name" text NOT NULL,
	"form" text NOT NULL,
	"copies" integer DEFAULT 1 NOT NULL,
	"requirement" text NOT NULL,
	"condition" text DEFAULT '' NOT NULL,
	"source_note" text DEFAULT '' NOT NULL,
	"template_file_sha256" text,
	"template_file_name" text,
	"reusable_certificate" text,
	"notes" text DEFAULT '' NOT NULL,
	CONSTRAINT "item_materials_form" CHECK ("item_materials"."form" in ('original', 'copy', 'original_and_copy', 'electronic')),
	CONSTRAINT "item_materials_requirement" CHECK ("item_materials"."requirement" in ('required', 'conditional')),
	CONSTRAINT "item_materials_copies" CHECK ("item_materials"."copies" >= 0)
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"scope" text NOT NULL,
	"origin_department_id" uuid,
	"executing_unit_id" uuid NOT NULL,
	"zone_id" uuid,
	"legal_basis" text DEFAULT '' NOT NULL,
	"legal_limit_value" integer,
	"legal_limit_unit" text,
	"legal_limit_note" text DEFAULT '' NOT NULL,
	"promised_limit_days" integer,
	"processing_class" text NOT NULL,
	"result_name" text DEFAULT '' NOT NULL,
	"conditions" text DEFAULT '' NOT NULL,
	"fees" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"max_visits" integer DEFAULT 1 NOT NULL,
	"is_online" boolean DEFAULT false NOT NULL,
	"audience" text DEFAULT 'both' NOT NULL,
	"life_events" text[] DEFAULT '{}'::text[] NOT NULL,
	"pinyin_initials" text DEFAULT '' NOT NULL,
	"pinyin" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "items_scope" CHECK ("items"."scope" in ('bureau', 'center')),
	CONSTRAINT "items_processing_class" CHECK ("items"."processing_class" in ('即办件', '承诺件', '联办件')),
	CONSTRAINT "items_limit_unit" CHECK ("items"."legal_limit_unit" is null or "items"."legal_limit_unit" in ('workday', 'day', 'month')),
	CONSTRAINT "items_audience" CHECK ("items"."audience" in ('person', 'enterprise', 'both')),
	CONSTRAINT "items_status" CHECK ("items"."status" in ('active', 'suspended')),
	CONSTRAINT "items_promised_limit" CHECK ("items"."promised_limit_days" is null or "items"."promised_limit_days" >= 0),
	CONSTRAINT "items_max_visits" CHECK ("items"."max_visits" >= 0)
);
--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "org_units" ADD CONSTRAINT "org_units_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "townships" ADD CONSTRAINT "townships_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "windows" ADD CONSTRAINT "windows_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "windows" ADD CONSTRAINT "windows_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "windows" ADD CONSTRAINT "windows_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "zones" ADD CONSTRAINT "zones_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_org_unit_id_org_units_id_fk" FOREIGN KEY ("org_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_materials" ADD CONSTRAINT "item_materials_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_materials" ADD CONSTRAINT "item_materials_template_file_sha256_stored_files_sha256_fk" FOREIGN KEY ("template_file_sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_origin_department_id_org_units_id_fk" FOREIGN KEY ("origin_department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_executing_unit_id_org_units_id_fk" FOREIGN KEY ("executing_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_chain_seq" ON "audit_events" USING btree ("chain","chain_seq");--> statement-breakpoint
CREATE INDEX "audit_events_subject" ON "audit_events" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_events_actor" ON "audit_events" USING btree ("actor_id");--> statement-breakpoint
CREATE INDEX "audit_events_at" ON "audit_events" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "org_units_region_code" ON "org_units" USING btree ("region_code","code");--> statement-breakpoint
CREATE INDEX "org_units_kind" ON "org_units" USING btree ("region_code","kind");--> statement-breakpoint
CREATE INDEX "townships_region" ON "townships" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "windows_region_code" ON "windows" USING btree ("region_code","code");--> statement-breakpoint
CREATE UNIQUE INDEX "zones_region_code" ON "zones" USING btree ("region_code","code");--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_username" ON "accounts" USING btree (lower("username"));--> statement-breakpoint
CREATE UNIQUE INDEX "accounts_applicant_subject" ON "accounts" USING btree ("subject_kind","id_number") WHERE "accounts"."kind" = 'applicant';--> statement-breakpoint
CREATE INDEX "accounts_region" ON "accounts" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "sessions_account" ON "sessions" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "item_materials_item" ON "item_materials" USING btree ("item_id","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "items_region_code" ON "items" USING btree ("region_code","code");--> statement-breakpoint
CREATE INDEX "items_department" ON "items" USING btree ("origin_department_id");--> statement-breakpoint
CREATE INDEX "items_unit" ON "items" USING btree ("executing_unit_id");--> statement-breakpoint
CREATE INDEX "items_zone" ON "items" USING btree ("zone_id");