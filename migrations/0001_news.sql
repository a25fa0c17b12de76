CREATE TABLE "ingest_run_sources" (
	"run_id" integer NOT NULL,
	"source_id" integer NOT NULL,
	"status" text NOT NULL,
	"http_status" integer,
	"items_seen" integer DEFAULT 0 NOT NULL,
	"items_new" integer DEFAULT 0 NOT NULL,
	"error" text,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ingest_run_sources_run_id_source_id_pk" PRIMARY KEY("run_id","source_id"),
	CONSTRAINT "ingest_run_sources_status" CHECK ("ingest_run_sources"."status" in ('ok', 'not_modified', 'error', 'skipped'))
);
--> statement-breakpoint
CREATE TABLE "ingest_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ingest_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"trigger" text NOT NULL,
	"slot" text,
	"status" text DEFAULT 'running' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"sources_total" integer DEFAULT 0 NOT NULL,
	"sources_failed" integer DEFAULT 0 NOT NULL,
	"items_new" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ingest_runs_slot_unique" UNIQUE("slot"),
	CONSTRAINT "ingest_runs_trigger" CHECK ("ingest_runs"."trigger" in ('schedule', 'cli', 'api')),
	CONSTRAINT "ingest_runs_status" CHECK ("ingest_runs"."status" in ('running', 'succeeded', 'abandoned'))
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "sources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"url" text NOT NULL,
	"name" text NOT NULL,
	"site_url" text,
	"weight" real DEFAULT 1 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"etag" text,
	"last_modified" text,
	"last_fetched_at" timestamp with time zone,
	"last_status" text,
	"last_http_status" integer,
	"last_error" text,
	"error_count" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_url_unique" UNIQUE("url"),
	CONSTRAINT "sources_weight_range" CHECK ("sources"."weight" >= 0 and "sources"."weight" <= 10),
	CONSTRAINT "sources_url_scheme" CHECK ("sources"."url" ~ '^https?://'),
	CONSTRAINT "sources_last_status" CHECK ("sources"."last_status" in ('ok', 'not_modified', 'error')),
	CONSTRAINT "sources_error_count" CHECK ("sources"."error_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_id" integer NOT NULL,
	"identity" text NOT NULL,
	"guid" text,
	"url" text,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"content_html" text,
	"author" text,
	"arxiv_id" text,
	"published_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"effective_at" timestamp with time zone GENERATED ALWAYS AS (coalesce(published_at, first_seen_at)) STORED NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stories_source_identity" UNIQUE("source_id","identity")
);
--> statement-breakpoint
CREATE TABLE "story_concepts" (
	"story_id" bigint NOT NULL,
	"concept_id" integer NOT NULL,
	CONSTRAINT "story_concepts_story_id_concept_id_pk" PRIMARY KEY("story_id","concept_id")
);
--> statement-breakpoint
ALTER TABLE "ingest_run_sources" ADD CONSTRAINT "ingest_run_sources_run_id_ingest_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."ingest_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingest_run_sources" ADD CONSTRAINT "ingest_run_sources_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_concepts" ADD CONSTRAINT "story_concepts_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_concepts" ADD CONSTRAINT "story_concepts_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ingest_runs_started_idx" ON "ingest_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "stories_effective_at_idx" ON "stories" USING btree ("effective_at","id");--> statement-breakpoint
CREATE INDEX "stories_url_idx" ON "stories" USING btree ("url");--> statement-breakpoint
CREATE INDEX "stories_source_effective_idx" ON "stories" USING btree ("source_id","effective_at");--> statement-breakpoint
CREATE INDEX "story_concepts_concept_idx" ON "story_concepts" USING btree ("concept_id","story_id");