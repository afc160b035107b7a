ALTER TABLE "feature_matches" ADD COLUMN "containment" real;--> statement-breakpoint
ALTER TABLE "feature_matches" ADD COLUMN "co_firing" integer;