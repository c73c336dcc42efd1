CREATE TABLE "appointment_slots" (
	"zone_id" uuid NOT NULL,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"booked" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "appointment_slots_zone_id_date_start_time_pk" PRIMARY KEY("zone_id","date","start_time"),
	CONSTRAINT "appointment_slots_booked" CHECK ("appointment_slots"."booked" >= 0)
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"code" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"item_id" uuid,
	"date" date NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"account_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'booked' NOT NULL,
	"ticket_id" uuid,
	"reschedule_count" integer DEFAULT 0 NOT NULL,
	"reminded_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"no_show_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "appointments_state" CHECK ("appointments"."state" in ('booked', 'checked_in', 'cancelled', 'no_show'))
);
--> statement-breakpoint
CREATE TABLE "hall_closures" (
	"zone_id" uuid NOT NULL,
	"date" date NOT NULL,
	"region_code" text NOT NULL,
	"reason" text NOT NULL,
	"created_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hall_closures_zone_id_date_pk" PRIMARY KEY("zone_id","date")
);
--> statement-breakpoint
CREATE TABLE "hall_opening_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"day_kind" text NOT NULL,
	"start_time" text NOT NULL,
	"end_time" text NOT NULL,
	"slot_minutes" integer DEFAULT 30 NOT NULL,
	"capacity" integer NOT NULL,
	"walk_in" boolean DEFAULT true NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hall_opening_rules_day_kind" CHECK ("hall_opening_rules"."day_kind" in ('working', 'rest')),
	CONSTRAINT "hall_opening_rules_times" CHECK ("hall_opening_rules"."start_time" < "hall_opening_rules"."end_time"),
	CONSTRAINT "hall_opening_rules_capacity" CHECK ("hall_opening_rules"."capacity" between 0 and 1000 and "hall_opening_rules"."slot_minutes" between 5 and 240)
);
--> statement-breakpoint
CREATE TABLE "hall_settings" (
	"region_code" text PRIMARY KEY NOT NULL,
	"no_show_grace_minutes" integer DEFAULT 15 NOT NULL,
	"no_show_limit" integer DEFAULT 3 NOT NULL,
	"no_show_window_days" integer DEFAULT 90 NOT NULL,
	"no_show_ban_days" integer DEFAULT 30 NOT NULL,
	"reminder_hours" integer DEFAULT 24 NOT NULL,
	"booking_horizon_days" integer DEFAULT 14 NOT NULL,
	"default_service_minutes" integer DEFAULT 8 NOT NULL,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_counters" (
	"zone_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "queue_counters_zone_id_service_date_pk" PRIMARY KEY("zone_id","service_date")
);
--> statement-breakpoint
CREATE TABLE "queue_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"window_id" uuid,
	"account_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "queue_tickets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"region_code" text NOT NULL,
	"zone_id" uuid NOT NULL,
	"service_date" date NOT NULL,
	"seq" integer NOT NULL,
	"number" text NOT NULL,
	"channel" text NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"appointment_id" uuid,
	"item_id" uuid,
	"account_id" uuid,
	"name" text,
	"phone" text,
	"state" text DEFAULT 'waiting' NOT NULL,
	"target_window_id" uuid,
	"window_id" uuid,
	"served_by_id" uuid,
	"issued_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"last_called_at" timestamp with time zone,
	"call_count" integer DEFAULT 0 NOT NULL,
	"finished_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "queue_tickets_state" CHECK ("queue_tickets"."state" in ('waiting', 'called', 'done', 'skipped', 'cancelled')),
	CONSTRAINT "queue_tickets_channel" CHECK ("queue_tickets"."channel" in ('kiosk', 'phone', 'appointment', 'window'))
);
--> statement-breakpoint
ALTER TABLE "appointment_slots" ADD CONSTRAINT "appointment_slots_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_closures" ADD CONSTRAINT "hall_closures_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_closures" ADD CONSTRAINT "hall_closures_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_closures" ADD CONSTRAINT "hall_closures_created_by_id_accounts_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_opening_rules" ADD CONSTRAINT "hall_opening_rules_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_opening_rules" ADD CONSTRAINT "hall_opening_rules_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_settings" ADD CONSTRAINT "hall_settings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hall_settings" ADD CONSTRAINT "hall_settings_updated_by_id_accounts_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_counters" ADD CONSTRAINT "queue_counters_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_ticket_id_queue_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."queue_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_events" ADD CONSTRAINT "queue_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_zone_id_zones_id_fk" FOREIGN KEY ("zone_id") REFERENCES "public"."zones"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_target_window_id_windows_id_fk" FOREIGN KEY ("target_window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_window_id_windows_id_fk" FOREIGN KEY ("window_id") REFERENCES "public"."windows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_tickets" ADD CONSTRAINT "queue_tickets_served_by_id_accounts_id_fk" FOREIGN KEY ("served_by_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_region_code" ON "appointments" USING btree ("region_code","code");--> statement-breakpoint
CREATE INDEX "appointments_account" ON "appointments" USING btree ("account_id","date");--> statement-breakpoint
CREATE INDEX "appointments_zone_date" ON "appointments" USING btree ("zone_id","date","state");--> statement-breakpoint
CREATE INDEX "appointments_open" ON "appointments" USING btree ("state","date") WHERE "appointments"."state" = 'booked';--> statement-breakpoint
CREATE INDEX "hall_opening_rules_zone" ON "hall_opening_rules" USING btree ("zone_id","day_kind");--> statement-breakpoint
CREATE INDEX "queue_events_zone" ON "queue_events" USING btree ("zone_id","id");--> statement-breakpoint
CREATE INDEX "queue_events_ticket" ON "queue_events" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_tickets_zone_seq" ON "queue_tickets" USING btree ("zone_id","service_date","seq");--> statement-breakpoint
CREATE INDEX "queue_tickets_waiting" ON "queue_tickets" USING btree ("zone_id","service_date","state","priority","seq");--> statement-breakpoint
CREATE INDEX "queue_tickets_window" ON "queue_tickets" USING btree ("window_id","service_date");--> statement-breakpoint
CREATE INDEX "queue_tickets_account" ON "queue_tickets" USING btree ("account_id","service_date");