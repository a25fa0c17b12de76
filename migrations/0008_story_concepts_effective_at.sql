-- story_concepts keeps a copy of its story's effective_at, so a concept's newest stories come from
-- one index (concept_id, effective_at, story_id) read backwards, in O(page) at any history size.
-- The unique index on stories is the old (effective_at, id) one, made unique (id is) so that the
-- foreign key below can reference it; the key carries any change of a story's date, and a
-- trigger fills the copy on insert, so writers name only (story_id, concept_id).
DROP INDEX "stories_effective_at_idx";--> statement-breakpoint
CREATE UNIQUE INDEX "stories_effective_at_idx" ON "stories" USING btree ("effective_at","id");--> statement-breakpoint
ALTER TABLE "story_concepts" ADD COLUMN "effective_at" timestamp with time zone;--> statement-breakpoint
UPDATE "story_concepts" sc SET "effective_at" = st."effective_at" FROM "stories" st WHERE st."id" = sc."story_id";--> statement-breakpoint
ALTER TABLE "story_concepts" ALTER COLUMN "effective_at" SET NOT NULL;--> statement-breakpoint
CREATE FUNCTION "story_concepts_fill_effective_at"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT st."effective_at" INTO NEW."effective_at" FROM "stories" st WHERE st."id" = NEW."story_id";
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "story_concepts_fill_effective_at" BEFORE INSERT ON "story_concepts"
  FOR EACH ROW EXECUTE FUNCTION "story_concepts_fill_effective_at"();--> statement-breakpoint
ALTER TABLE "story_concepts" ADD CONSTRAINT "story_concepts_story_effective_fk" FOREIGN KEY ("effective_at","story_id") REFERENCES "public"."stories"("effective_at","id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
DROP INDEX "story_concepts_concept_idx";--> statement-breakpoint
CREATE INDEX "story_concepts_concept_effective_idx" ON "story_concepts" USING btree ("concept_id","effective_at","story_id");
