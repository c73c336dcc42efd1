CREATE TABLE "complaint_counters" (
	"region_code" text NOT NULL,
	"day" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "complaint_counters_region_code_day_pk" PRIMARY KEY("region_code","day")
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"number" text NOT NULL,
	"kind" text NOT NULL,
	"account_id" uuid NOT NULL,
	"submitter_name" text NOT NULL,
	"contact_phone" text,
	"case_id" uuid,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"state" text DEFAULT 'submitted' NOT NULL,
	"assigned_unit_id" uuid,
	"assigned_note" text,
	"assigned_by_id" uuid,
	"assigned_at" timestamp with time zone,
	"reply" text,
	"replied_by_id" uuid,
	"replied_by_name" text,
	"replied_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "complaints_kind" CHECK ("complaints"."kind" in ('complaint', 'suggestion')),
	CONSTRAINT "complaints_state" CHECK ("complaints"."state" in ('submitted', 'assigned', 'replied', 'closed'))
);
--> statement-breakpoint
CREATE TABLE "evaluation_settings" (
	"region_code" text PRIMARY KEY NOT NULL,
	"rectification_days" integer DEFAULT 5 NOT NULL,
	"visit_token_minutes" integer DEFAULT 30 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"subject" text NOT NULL,
	"case_id" uuid,
	"window_id" uuid,
	"visit_date" date,
	"visit_token_id" uuid,
	"unit_id" uuid NOT NULL,
	"department_id" uuid,
	"level" integer NOT NULL,
	"dimensions" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"channel" text NOT NULL,
	"evaluator_account_id" uuid,
	"evaluator_name" text,
	"evaluator_phone" text,
	"is_valid" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_level" CHECK ("evaluations"."level" between 1 and 5),
	CONSTRAINT "evaluations_subject" CHECK ("evaluations"."subject" in ('case', 'window_visit')),
	CONSTRAINT "evaluations_channel" CHECK ("evaluations"."channel" in ('online', 'window', 'phone', 'kiosk'))
);
--> statement-breakpoint
CREATE TABLE "rectifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"state" text DEFAULT 'received' NOT NULL,
	"deadline_days" integer NOT NULL,
	"deadline" date NOT NULL,
	"is_overdue" boolean DEFAULT false NOT NULL,
	"overdue_at" timestamp with time zone,
	"finding" text,
	"plan" text,
	"result" text,
	"callback_at" timestamp with time zone,
	"callback_by_id" uuid,
	"callback_by_name" text,
	"callback_method" text,
	"callback_satisfaction" integer,
	"callback_note" text,
	"review_status" text DEFAULT 'none' NOT NULL,
	"review_category" text,
	"review_reason" text,
	"review_requested_by_id" uuid,
	"review_requested_at" timestamp with time zone,
	"review_decided_by_id" uuid,
	"review_decision_reason" text,
	"review_decided_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"closed_on" date,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rectifications_state" CHECK ("rectifications"."state" in ('received', 'verifying', 'rectifying', 'rectified', 'unable_to_rectify', 'invalidated')),
	CONSTRAINT "rectifications_review" CHECK ("rectifications"."review_status" in ('none', 'requested', 'approved', 'rejected')),
	CONSTRAINT "rectifications_callback_satisfaction" CHECK ("rectifications"."callback_satisfaction" is null or "rectifications"."callback_satisfaction" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "evaluation_visit_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"token_sha256" text NOT NULL,
	"window_id" uuid NOT NULL,
	"visit_date" date NOT NULL,
	"case_id" uuid,
	"issued_by_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assigned_unit_id_org_units_id_fk" FOREIGN KEY ("assigned_unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_assigned_by_id_accounts_id_fk" FOREIGN KEY ("assigned_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_replied_by_id_accounts_id_fk" FOREIGN KEY ("replied_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD CONSTRAINT "evaluation_settings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_settings" ADD CONSTRAINT "evaluation_settings_updated_by_id_accounts_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_visit_token_id_evaluation_visit_tokens_id_fk" FOREIGN KEY ("visit_token_id") REFERENCES "public"."evaluation_visit_tokens"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_department_id_org_units_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_evaluator_account_id_accounts_id_fk" FOREIGN KEY ("evaluator_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_unit_id_org_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."org_units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_callback_by_id_accounts_id_fk" FOREIGN KEY ("callback_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_review_requested_by_id_accounts_id_fk" FOREIGN KEY ("review_requested_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rectifications" ADD CONSTRAINT "rectifications_review_decided_by_id_accounts_id_fk" FOREIGN KEY ("review_decided_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_visit_tokens" ADD CONSTRAINT "evaluation_visit_tokens_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_visit_tokens" ADD CONSTRAINT "evaluation_visit_tokens_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_visit_tokens" ADD CONSTRAINT "evaluation_visit_tokens_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_visit_tokens" ADD CONSTRAINT "evaluation_visit_tokens_issued_by_id_accounts_id_fk" FOREIGN KEY ("issued_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "complaints_number" ON "complaints" USING btree ("region_code","number");--> statement-breakpoint
CREATE INDEX "complaints_account" ON "complaints" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "complaints_state" ON "complaints" USING btree ("region_code","state","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_case_subject" ON "evaluations" USING btree ("case_id","subject");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_visit_token" ON "evaluations" USING btree ("visit_token_id");--> statement-breakpoint
CREATE INDEX "evaluations_region_created" ON "evaluations" USING btree ("region_code","created_at");--> statement-breakpoint
CREATE INDEX "evaluations_unit" ON "evaluations" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "evaluations_evaluator" ON "evaluations" USING btree ("evaluator_account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rectifications_evaluation" ON "rectifications" USING btree ("evaluation_id");--> statement-breakpoint
CREATE INDEX "rectifications_open_deadline" ON "rectifications" USING btree ("region_code","state","deadline");--> statement-breakpoint
CREATE INDEX "rectifications_unit" ON "rectifications" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_visit_tokens_sha" ON "evaluation_visit_tokens" USING btree ("token_sha256");