CREATE TABLE "credit_code_counters" (
	"region_code" text PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enterprise_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"enterprise_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"on" date NOT NULL,
	"case_id" uuid,
	"case_number" text,
	"changes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"licence_version" integer,
	"actor_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprise_events_kind" CHECK ("enterprise_events"."kind" in ('establish', 'change', 'cancel'))
);
--> statement-breakpoint
CREATE TABLE "enterprises" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"uscc" text NOT NULL,
	"name" text NOT NULL,
	"name_normalized" text NOT NULL,
	"entity_type" text NOT NULL,
	"category" text NOT NULL,
	"legal_rep_name" text NOT NULL,
	"legal_rep_id_number" text NOT NULL,
	"registered_capital" numeric(14, 4),
	"township_code" text NOT NULL,
	"address" text NOT NULL,
	"business_scope" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"established_on" date NOT NULL,
	"cancelled_on" date,
	"case_id" uuid,
	"licence_number" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enterprises_status" CHECK ("enterprises"."status" in ('active', 'cancelled')),
	CONSTRAINT "enterprises_category" CHECK ("enterprises"."category" in ('1', '2', '3'))
);
--> statement-breakpoint
ALTER TABLE "credit_code_counters" ADD CONSTRAINT "credit_code_counters_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_events" ADD CONSTRAINT "enterprise_events_enterprise_id_enterprises_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."enterprises"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprise_events" ADD CONSTRAINT "enterprise_events_actor_id_accounts_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enterprises" ADD CONSTRAINT "enterprises_township_code_townships_code_fk" FOREIGN KEY ("township_code") REFERENCES "public"."townships"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "enterprise_events_enterprise" ON "enterprise_events" USING btree ("enterprise_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_uscc" ON "enterprises" USING btree ("uscc");--> statement-breakpoint
CREATE UNIQUE INDEX "enterprises_active_name" ON "enterprises" USING btree ("region_code","name_normalized") WHERE "enterprises"."status" = 'active';--> statement-breakpoint
CREATE INDEX "enterprises_region_status" ON "enterprises" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "enterprises_case" ON "enterprises" USING btree ("case_id");