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
CREATE TABLE "item_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"item_codes" text[] NOT NULL,
	"audience" text DEFAULT 'both' NOT NULL,
	"life_events" text[] DEFAULT '{}'::text[] NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL
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
	"process_key" text,
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
CREATE TABLE "calendar_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"date" date NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"origin" text DEFAULT 'local' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_overrides_kind" CHECK ("calendar_overrides"."kind" in ('workday', 'holiday')),
	CONSTRAINT "calendar_overrides_origin" CHECK ("calendar_overrides"."origin" in ('local', 'declared'))
);
--> statement-breakpoint
CREATE TABLE "calendar_revisions" (
	"region_code" text PRIMARY KEY NOT NULL,
	"revision" uuid NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "calendar_years" (
	"region_code" text NOT NULL,
	"year" integer NOT NULL,
	"source_note" text NOT NULL,
	"declared_by" text NOT NULL,
	"declared_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_years_region_code_year_pk" PRIMARY KEY("region_code","year"),
	CONSTRAINT "calendar_years_year" CHECK ("calendar_years"."year" between 2000 and 2100)
);
--> statement-breakpoint
CREATE TABLE "process_definitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"body" jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_bundles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"number" text NOT NULL,
	"bundle_code" text NOT NULL,
	"bundle_name" text NOT NULL,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"applicant_account_id" uuid,
	"first_responder_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "case_counters" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "case_counters_region_code_day_pk" PRIMARY KEY("region_code","day")
);
--> statement-breakpoint
CREATE TABLE "case_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"type" text NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"is_public" boolean DEFAULT true NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_materials" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"item_material_id" uuid,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"required" boolean NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"file_sha256" text,
	"file_name" text,
	"certificate_number" text,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sort" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "case_materials_status" CHECK ("case_materials"."status" in ('received', 'missing', 'defective', 'not_applicable'))
);
--> statement-breakpoint
CREATE TABLE "case_suspensions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"started_on" date NOT NULL,
	"ended_on" date,
	"working_days" integer,
	"note" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"region_code" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text NOT NULL,
	"role" text NOT NULL,
	"unit_id" uuid,
	"status" text NOT NULL,
	"assignee_id" uuid,
	"claimed_at" timestamp with time zone,
	"due_date" date,
	"outcome" text,
	"opinion" text,
	"completed_by_id" uuid,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_tasks_status" CHECK ("case_tasks"."status" in ('open', 'completed', 'superseded', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"number" text NOT NULL,
	"item_id" uuid NOT NULL,
	"item_code" text NOT NULL,
	"item_name" text NOT NULL,
	"executing_unit_id" uuid NOT NULL,
	"origin_department_id" uuid,
	"definition_id" uuid NOT NULL,
	"bundle_id" uuid,
	"channel" text NOT NULL,
	"applicant_account_id" uuid,
	"applicant_kind" text NOT NULL,
	"applicant_name" text NOT NULL,
	"applicant_id_number" text NOT NULL,
	"applicant_phone" text NOT NULL,
	"contact_name" text,
	"contact_phone" text,
	"address" text DEFAULT '' NOT NULL,
	"township_code" text,
	"summary" text DEFAULT '' NOT NULL,
	"form" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"phase" text NOT NULL,
	"state" jsonb NOT NULL,
	"first_responder_id" uuid,
	"accepted_by_id" uuid,
	"window_id" uuid,
	"accepted_at" timestamp with time zone,
	"accepted_on" date,
	"promised_days" integer NOT NULL,
	"due_date" date,
	"legal_due_date" date,
	"warning" text DEFAULT 'none' NOT NULL,
	"decision" text,
	"decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"refusal_reason" text,
	"commitment" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cases_channel" CHECK ("cases"."channel" in ('window', 'online', 'township', 'kiosk')),
	CONSTRAINT "cases_applicant_kind" CHECK ("cases"."applicant_kind" in ('person', 'enterprise')),
	CONSTRAINT "cases_warning" CHECK ("cases"."warning" in ('none', 'yellow', 'red')),
	CONSTRAINT "cases_decision" CHECK ("cases"."decision" is null or "cases"."decision" in ('approved', 'denied'))
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"account_id" uuid,
	"case_id" uuid,
	"address" text,
	"channel" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone
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
ALTER TABLE "item_bundles" ADD CONSTRAINT "item_bundles_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_materials" ADD CONSTRAINT "item_materials_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_materials" ADD CONSTRAINT "item_materials_template_file_sha256_stored_files_sha256_fk" FOREIGN KEY ("template_file_sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_origin_department_id_org_units_id_fk" FOREIGN KEY ("origin_department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_executing_unit_id_org_units_id_fk" FOREIGN KEY ("executing_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_overrides" ADD CONSTRAINT "calendar_overrides_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_revisions" ADD CONSTRAINT "calendar_revisions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_years" ADD CONSTRAINT "calendar_years_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "process_definitions" ADD CONSTRAINT "process_definitions_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD CONSTRAINT "case_bundles_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD CONSTRAINT "case_bundles_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_bundles" ADD CONSTRAINT "case_bundles_first_responder_id_accounts_id_fk" FOREIGN KEY ("first_responder_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_materials" ADD CONSTRAINT "case_materials_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_materials" ADD CONSTRAINT "case_materials_item_material_id_item_materials_id_fk" FOREIGN KEY ("item_material_id") REFERENCES "public"."item_materials"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_materials" ADD CONSTRAINT "case_materials_file_sha256_stored_files_sha256_fk" FOREIGN KEY ("file_sha256") REFERENCES "public"."stored_files"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_materials" ADD CONSTRAINT "case_materials_updated_by_id_accounts_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_suspensions" ADD CONSTRAINT "case_suspensions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_assignee_id_accounts_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tasks" ADD CONSTRAINT "case_tasks_completed_by_id_accounts_id_fk" FOREIGN KEY ("completed_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_executing_unit_id_org_units_id_fk" FOREIGN KEY ("executing_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_origin_department_id_org_units_id_fk" FOREIGN KEY ("origin_department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_definition_id_process_definitions_id_fk" FOREIGN KEY ("definition_id") REFERENCES "public"."process_definitions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_bundle_id_case_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."case_bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_applicant_account_id_accounts_id_fk" FOREIGN KEY ("applicant_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_first_responder_id_accounts_id_fk" FOREIGN KEY ("first_responder_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_accepted_by_id_accounts_id_fk" FOREIGN KEY ("accepted_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
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
CREATE UNIQUE INDEX "item_bundles_region_code" ON "item_bundles" USING btree ("region_code","code");--> statement-breakpoint
CREATE INDEX "item_materials_item" ON "item_materials" USING btree ("item_id","sort");--> statement-breakpoint
CREATE UNIQUE INDEX "items_region_code" ON "items" USING btree ("region_code","code");--> statement-breakpoint
CREATE INDEX "items_department" ON "items" USING btree ("origin_department_id");--> statement-breakpoint
CREATE INDEX "items_unit" ON "items" USING btree ("executing_unit_id");--> statement-breakpoint
CREATE INDEX "items_zone" ON "items" USING btree ("zone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_overrides_region_date" ON "calendar_overrides" USING btree ("region_code","date");--> statement-breakpoint
CREATE UNIQUE INDEX "process_definitions_key_version" ON "process_definitions" USING btree ("region_code","key","version");--> statement-breakpoint
CREATE INDEX "process_definitions_key" ON "process_definitions" USING btree ("region_code","key");--> statement-breakpoint
CREATE UNIQUE INDEX "case_bundles_number" ON "case_bundles" USING btree ("region_code","number");--> statement-breakpoint
CREATE INDEX "case_events_case" ON "case_events" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "case_materials_case" ON "case_materials" USING btree ("case_id","sort");--> statement-breakpoint
CREATE INDEX "case_suspensions_case" ON "case_suspensions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_case" ON "case_tasks" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_tasks_inbox" ON "case_tasks" USING btree ("region_code","status","role","unit_id");--> statement-breakpoint
CREATE INDEX "case_tasks_assignee" ON "case_tasks" USING btree ("assignee_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "case_tasks_one_open" ON "case_tasks" USING btree ("case_id","key") WHERE "case_tasks"."status" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "cases_number" ON "cases" USING btree ("region_code","number");--> statement-breakpoint
CREATE INDEX "cases_applicant" ON "cases" USING btree ("applicant_account_id");--> statement-breakpoint
CREATE INDEX "cases_subject" ON "cases" USING btree ("applicant_id_number");--> statement-breakpoint
CREATE INDEX "cases_phase_due" ON "cases" USING btree ("region_code","phase","due_date");--> statement-breakpoint
CREATE INDEX "cases_item" ON "cases" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "cases_unit" ON "cases" USING btree ("executing_unit_id");--> statement-breakpoint
CREATE INDEX "cases_township" ON "cases" USING btree ("township_code");--> statement-breakpoint
CREATE INDEX "cases_bundle" ON "cases" USING btree ("bundle_id");--> statement-breakpoint
CREATE INDEX "cases_first_responder" ON "cases" USING btree ("first_responder_id");--> statement-breakpoint
CREATE INDEX "notifications_account" ON "notifications" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "notifications_case" ON "notifications" USING btree ("case_id");