CREATE TABLE "pool_representations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_representations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pool_id" text NOT NULL,
	"key" text NOT NULL,
	"kind" text NOT NULL,
	"sae_id" text,
	"model_id" text,
	"hook_name" text,
	"dimensions" integer NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'building' NOT NULL,
	"samples_done" integer DEFAULT 0 NOT NULL,
	"token_count" bigint DEFAULT 0 NOT NULL,
	"windowed_samples" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pool_representations_key_unique" UNIQUE("pool_id","key"),
	CONSTRAINT "pool_representations_kind_check" CHECK ("pool_representations"."kind" in ('sae', 'hidden', 'embedding')),
	CONSTRAINT "pool_representations_status_check" CHECK ("pool_representations"."status" in ('building', 'complete'))
);
--> statement-breakpoint
CREATE TABLE "pool_sample_vectors" (
	"representation_id" bigint NOT NULL,
	"sample_id" bigint NOT NULL,
	"token_count" integer NOT NULL,
	"window_count" integer NOT NULL,
	"vector" "bytea" NOT NULL,
	CONSTRAINT "pool_sample_vectors_representation_id_sample_id_pk" PRIMARY KEY("representation_id","sample_id")
);
--> statement-breakpoint
ALTER TABLE "pool_sample_activations" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "pool_sample_activations" CASCADE;--> statement-breakpoint
ALTER TABLE "data_pools" DROP CONSTRAINT "data_pools_model_id_models_id_fk";
--> statement-breakpoint
ALTER TABLE "data_pools" DROP CONSTRAINT "data_pools_corpus_id_corpora_id_fk";
--> statement-breakpoint
ALTER TABLE "pool_samples" DROP CONSTRAINT "pool_samples_context_id_contexts_id_fk";
--> statement-breakpoint
DROP INDEX "pool_samples_context_idx";--> statement-breakpoint
ALTER TABLE "data_pools" ADD COLUMN "format" text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "data_pools" ADD COLUMN "source" text;--> statement-breakpoint
ALTER TABLE "data_pools" ADD COLUMN "sample_count" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "data_pools" ADD COLUMN "character_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pool_samples" ADD COLUMN "position" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "pool_samples" ADD COLUMN "text" text NOT NULL;--> statement-breakpoint
ALTER TABLE "pool_samples" ADD COLUMN "response" text;--> statement-breakpoint
ALTER TABLE "selection_items" ADD COLUMN "feature_indices" integer[];--> statement-breakpoint
ALTER TABLE "selection_items" ADD COLUMN "feature_contributions" real[];--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "sae_id" text;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "target_pool_id" text;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "targets" jsonb;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "ratio" real;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "count" integer;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "status" text DEFAULT 'running' NOT NULL;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "pool_size" integer;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "selected_count" integer;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "stats" jsonb;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "job_id" uuid;--> statement-breakpoint
ALTER TABLE "selections" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pool_representations" ADD CONSTRAINT "pool_representations_pool_id_data_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."data_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_representations" ADD CONSTRAINT "pool_representations_sae_id_saes_id_fk" FOREIGN KEY ("sae_id") REFERENCES "public"."saes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_representations" ADD CONSTRAINT "pool_representations_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_sample_vectors" ADD CONSTRAINT "pool_sample_vectors_representation_id_pool_representations_id_fk" FOREIGN KEY ("representation_id") REFERENCES "public"."pool_representations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_sample_vectors" ADD CONSTRAINT "pool_sample_vectors_sample_id_pool_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."pool_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_sae_id_saes_id_fk" FOREIGN KEY ("sae_id") REFERENCES "public"."saes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_target_pool_id_data_pools_id_fk" FOREIGN KEY ("target_pool_id") REFERENCES "public"."data_pools"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "selections_job_idx" ON "selections" USING btree ("job_id");--> statement-breakpoint
ALTER TABLE "data_pools" DROP COLUMN "model_id";--> statement-breakpoint
ALTER TABLE "data_pools" DROP COLUMN "corpus_id";--> statement-breakpoint
ALTER TABLE "pool_samples" DROP COLUMN "context_id";--> statement-breakpoint
ALTER TABLE "pool_samples" ADD CONSTRAINT "pool_samples_position_unique" UNIQUE("pool_id","position");--> statement-breakpoint
ALTER TABLE "data_pools" ADD CONSTRAINT "data_pools_format_check" CHECK ("data_pools"."format" in ('text', 'pair'));--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_status_check" CHECK ("selections"."status" in ('running', 'complete', 'failed'));