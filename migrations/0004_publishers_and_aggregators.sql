ALTER TABLE "sources" ADD COLUMN "publisher" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "kind" text;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "detected_kind" text DEFAULT 'feed' NOT NULL;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "points" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "comments" integer;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "arxiv_announce" text;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_kind" CHECK ("sources"."kind" in ('feed', 'aggregator'));--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_detected_kind" CHECK ("sources"."detected_kind" in ('feed', 'aggregator'));--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_publisher" CHECK (length(trim("sources"."publisher")) > 0);--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_endorsement" CHECK ("stories"."points" >= 0 and "stories"."comments" >= 0);--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_arxiv_announce" CHECK ("stories"."arxiv_announce" in ('new', 'cross', 'replace', 'replace-cross'));