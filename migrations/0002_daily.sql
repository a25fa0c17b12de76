CREATE TABLE "edition_stories" (
	"edition_id" integer NOT NULL,
	"rank" integer NOT NULL,
	"story_id" bigint NOT NULL,
	"score" real NOT NULL,
	CONSTRAINT "edition_stories_edition_id_rank_pk" PRIMARY KEY("edition_id","rank"),
	CONSTRAINT "edition_stories_story" UNIQUE("edition_id","story_id"),
	CONSTRAINT "edition_stories_rank" CHECK ("edition_stories"."rank" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "editions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"date" date NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"content" jsonb NOT NULL,
	"concept_slugs" text[] NOT NULL,
	"content_hash" text NOT NULL,
	CONSTRAINT "editions_date_unique" UNIQUE("date"),
	CONSTRAINT "editions_five_concepts" CHECK (cardinality("editions"."concept_slugs") <= 5)
);
--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "cluster_id" bigint;--> statement-breakpoint
ALTER TABLE "edition_stories" ADD CONSTRAINT "edition_stories_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "edition_stories" ADD CONSTRAINT "edition_stories_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stories_cluster_idx" ON "stories" USING btree ("cluster_id");