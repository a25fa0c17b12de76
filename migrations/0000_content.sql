CREATE TYPE "public"."content_status" AS ENUM('published', 'draft');--> statement-breakpoint
CREATE TYPE "public"."difficulty" AS ENUM('beginner', 'intermediate', 'advanced');--> statement-breakpoint
CREATE TYPE "public"."explanation_kind" AS ENUM('intuition', 'detail', 'example', 'math', 'pitfall', 'analogy');--> statement-breakpoint
CREATE TYPE "public"."relation_kind" AS ENUM('related', 'prerequisite');--> statement-breakpoint
CREATE TABLE "concept_relations" (
	"concept_id" integer NOT NULL,
	"related_id" integer NOT NULL,
	"kind" "relation_kind" NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "concept_relations_concept_id_kind_related_id_pk" PRIMARY KEY("concept_id","kind","related_id"),
	CONSTRAINT "concept_relations_not_self" CHECK ("concept_relations"."concept_id" <> "concept_relations"."related_id")
);
--> statement-breakpoint
CREATE TABLE "concept_tags" (
	"concept_id" integer NOT NULL,
	"tag_id" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "concept_tags_concept_id_tag_id_pk" PRIMARY KEY("concept_id","tag_id")
);
--> statement-breakpoint
CREATE TABLE "concepts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "concepts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"difficulty" "difficulty" NOT NULL,
	"status" "content_status" DEFAULT 'published' NOT NULL,
	"formula_unicode" text,
	"formula_latex" text,
	"example" text NOT NULL,
	"image_url" text,
	"image_alt" text,
	"image_credit" text,
	"image_license" text,
	"image_source_url" text,
	"aliases" text[] DEFAULT '{}'::text[] NOT NULL,
	"references" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"content_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english'::regconfig, "concepts"."name"), 'A')
          || setweight(to_tsvector('english'::regconfig, "concepts"."title"), 'A')
          || setweight(to_tsvector('english'::regconfig, "concepts"."summary"), 'B')
          || setweight(to_tsvector('english'::regconfig, "concepts"."example"), 'C')) STORED NOT NULL,
	CONSTRAINT "concepts_slug_unique" UNIQUE("slug"),
	CONSTRAINT "concepts_slug_format" CHECK ("concepts"."slug" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
	CONSTRAINT "concepts_summary_length" CHECK (char_length("concepts"."summary") <= 200),
	CONSTRAINT "concepts_image_credited" CHECK ("concepts"."image_url" is null or ("concepts"."image_credit" is not null and "concepts"."image_license" is not null and "concepts"."image_alt" is not null)),
	CONSTRAINT "concepts_formula_pair" CHECK (("concepts"."formula_unicode" is null) = ("concepts"."formula_latex" is null))
);
--> statement-breakpoint
CREATE TABLE "explanations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "explanations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"concept_id" integer NOT NULL,
	"kind" "explanation_kind" NOT NULL,
	"body" text NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "explanations_concept_position" UNIQUE("concept_id","position")
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "tags_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"slug" text NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	CONSTRAINT "tags_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "concept_relations" ADD CONSTRAINT "concept_relations_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_relations" ADD CONSTRAINT "concept_relations_related_id_concepts_id_fk" FOREIGN KEY ("related_id") REFERENCES "public"."concepts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_tags" ADD CONSTRAINT "concept_tags_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concept_tags" ADD CONSTRAINT "concept_tags_tag_id_tags_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."tags"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "explanations" ADD CONSTRAINT "explanations_concept_id_concepts_id_fk" FOREIGN KEY ("concept_id") REFERENCES "public"."concepts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "concept_relations_related_idx" ON "concept_relations" USING btree ("related_id");--> statement-breakpoint
CREATE INDEX "concept_tags_tag_idx" ON "concept_tags" USING btree ("tag_id");--> statement-breakpoint
CREATE INDEX "concepts_search_idx" ON "concepts" USING gin ("search");--> statement-breakpoint
CREATE INDEX "concepts_status_slug_idx" ON "concepts" USING btree ("status","slug");