ALTER TABLE "saes" ADD COLUMN "weights_path" text;--> statement-breakpoint
ALTER TABLE "saes" ADD COLUMN "r2" real;--> statement-breakpoint
ALTER TABLE "saes" ADD COLUMN "coherence" real;--> statement-breakpoint
ALTER TABLE "saes" ADD COLUMN "aip" real;--> statement-breakpoint
ALTER TABLE "saes" ADD COLUMN "unique_share" real;--> statement-breakpoint
ALTER TABLE "saes" ADD COLUMN "max_unique_support" real;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD COLUMN "figures" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD COLUMN "approximate" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD COLUMN "job_id" text;--> statement-breakpoint
ALTER TABLE "feature_matches" ADD COLUMN "mutual" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "feature_matches" ADD COLUMN "assigned" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "comparison_runs_method_idx" ON "comparison_runs" USING btree ("method","status");--> statement-breakpoint
CREATE INDEX "feature_matches_run_score_idx" ON "feature_matches" USING btree ("run_id","score" DESC NULLS LAST,"source_feature_id","rank");--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_job_id_unique" UNIQUE("job_id");--> statement-breakpoint
-- The compare job kind's pg-boss queue (packages/pipeline/src/compare/compare-job.ts).
SELECT pgboss.create_queue('compare', '{"policy":"standard"}');
