CREATE EXTENSION IF NOT EXISTS vector;--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"display_name" text NOT NULL,
	"architecture" text NOT NULL,
	"layer_count" integer NOT NULL,
	"d_model" integer NOT NULL,
	"vocab_size" integer NOT NULL,
	"context_length" integer NOT NULL,
	"source_path" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contexts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contexts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"model_id" text NOT NULL,
	"corpus_id" text NOT NULL,
	"document_id" text NOT NULL,
	"start_token" integer NOT NULL,
	"token_count" integer NOT NULL,
	"token_ids" integer[] NOT NULL,
	"tokens" text[] NOT NULL,
	CONSTRAINT "contexts_window_unique" UNIQUE("model_id","corpus_id","document_id","start_token","token_count")
);
--> statement-breakpoint
CREATE TABLE "corpora" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "builds" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "builds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sae_id" text NOT NULL,
	"checksum" text NOT NULL,
	"status" text DEFAULT 'building' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"row_counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	CONSTRAINT "builds_status_check" CHECK ("builds"."status" in ('building', 'complete', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "saes" (
	"id" text PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"hook_name" text NOT NULL,
	"kind" text DEFAULT 'sae' NOT NULL,
	"architecture" text NOT NULL,
	"d_in" integer NOT NULL,
	"width" integer NOT NULL,
	"k" integer,
	"training_tokens" bigint,
	"statistics_tokens" bigint,
	"corpus_id" text,
	"l0" real,
	"fvu" real,
	"dead_fraction" real,
	"status" text DEFAULT 'building' NOT NULL,
	"build_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saes_status_check" CHECK ("saes"."status" in ('building', 'complete', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "feature_decoders" (
	"feature_id" bigint PRIMARY KEY NOT NULL,
	"sae_id" text NOT NULL,
	"decoder" halfvec NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feature_histogram_bins" (
	"feature_id" bigint NOT NULL,
	"bin" smallint NOT NULL,
	"lower" real NOT NULL,
	"upper" real NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "feature_histogram_bins_feature_id_bin_pk" PRIMARY KEY("feature_id","bin")
);
--> statement-breakpoint
CREATE TABLE "feature_quantile_bins" (
	"feature_id" bigint NOT NULL,
	"bin" smallint NOT NULL,
	"lower" real NOT NULL,
	"upper" real NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "feature_quantile_bins_feature_id_bin_pk" PRIMARY KEY("feature_id","bin")
);
--> statement-breakpoint
CREATE TABLE "features" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "features_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"sae_id" text NOT NULL,
	"index" integer NOT NULL,
	"density" real NOT NULL,
	"max_activation" real NOT NULL,
	"mean_activation" real NOT NULL,
	"umap_x" real,
	"umap_y" real,
	"encoder_decoder_cosine" real,
	"is_dead" boolean DEFAULT false NOT NULL,
	"is_dense" boolean DEFAULT false NOT NULL,
	CONSTRAINT "features_sae_index_unique" UNIQUE("sae_id","index")
);
--> statement-breakpoint
CREATE TABLE "activations" (
	"feature_id" bigint NOT NULL,
	"context_id" bigint NOT NULL,
	"position" smallint NOT NULL,
	"value" real NOT NULL,
	CONSTRAINT "activations_feature_id_context_id_position_pk" PRIMARY KEY("feature_id","context_id","position")
);
--> statement-breakpoint
CREATE TABLE "feature_examples" (
	"feature_id" bigint NOT NULL,
	"context_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"rank" smallint NOT NULL,
	"max_value" real NOT NULL,
	"max_position" smallint NOT NULL,
	CONSTRAINT "feature_examples_feature_id_kind_rank_pk" PRIMARY KEY("feature_id","kind","rank"),
	CONSTRAINT "feature_examples_kind_check" CHECK ("feature_examples"."kind" in ('top', 'quantile'))
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "api_keys_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" bigint NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "users_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"handle" text NOT NULL,
	"display_name" text NOT NULL,
	"email" text,
	"role" text DEFAULT 'member' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_handle_unique" UNIQUE("handle"),
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_role_check" CHECK ("users"."role" in ('member', 'curator', 'admin'))
);
--> statement-breakpoint
CREATE TABLE "label_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "label_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"label_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"author_id" bigint,
	"author_model" text,
	"score" real,
	"embedding" halfvec,
	"embedding_model" text,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('english', "text")) STORED NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "label_versions_label_version_unique" UNIQUE("label_id","version")
);
--> statement-breakpoint
CREATE TABLE "label_votes" (
	"label_version_id" bigint NOT NULL,
	"user_id" bigint NOT NULL,
	"value" smallint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "label_votes_label_version_id_user_id_pk" PRIMARY KEY("label_version_id","user_id"),
	CONSTRAINT "label_votes_value_check" CHECK ("label_votes"."value" in (-1, 1))
);
--> statement-breakpoint
CREATE TABLE "labels" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "labels_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"feature_id" bigint NOT NULL,
	"source" text NOT NULL,
	"method" text,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labels_source_check" CHECK ("labels"."source" in ('human', 'machine', 'llm'))
);
--> statement-breakpoint
CREATE TABLE "comparison_runs" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comparison_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"source_sae_id" text NOT NULL,
	"target_sae_id" text NOT NULL,
	"method" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'building' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	CONSTRAINT "comparison_runs_status_check" CHECK ("comparison_runs"."status" in ('building', 'complete', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "feature_matches" (
	"run_id" bigint NOT NULL,
	"source_feature_id" bigint NOT NULL,
	"rank" smallint NOT NULL,
	"target_feature_id" bigint NOT NULL,
	"score" real NOT NULL,
	CONSTRAINT "feature_matches_run_id_source_feature_id_rank_pk" PRIMARY KEY("run_id","source_feature_id","rank")
);
--> statement-breakpoint
CREATE TABLE "data_pools" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"model_id" text NOT NULL,
	"corpus_id" text NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pool_sample_activations" (
	"sample_id" bigint NOT NULL,
	"feature_id" bigint NOT NULL,
	"max_value" real NOT NULL,
	"mean_value" real NOT NULL,
	"active_tokens" smallint NOT NULL,
	CONSTRAINT "pool_sample_activations_sample_id_feature_id_pk" PRIMARY KEY("sample_id","feature_id")
);
--> statement-breakpoint
CREATE TABLE "pool_samples" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "pool_samples_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pool_id" text NOT NULL,
	"external_id" text NOT NULL,
	"context_id" bigint NOT NULL,
	"metadata" jsonb,
	CONSTRAINT "pool_samples_external_unique" UNIQUE("pool_id","external_id")
);
--> statement-breakpoint
CREATE TABLE "selection_features" (
	"selection_id" bigint NOT NULL,
	"feature_id" bigint NOT NULL,
	"weight" real NOT NULL,
	CONSTRAINT "selection_features_selection_id_feature_id_pk" PRIMARY KEY("selection_id","feature_id")
);
--> statement-breakpoint
CREATE TABLE "selection_items" (
	"selection_id" bigint NOT NULL,
	"rank" integer NOT NULL,
	"sample_id" bigint NOT NULL,
	"score" real NOT NULL,
	CONSTRAINT "selection_items_selection_id_rank_pk" PRIMARY KEY("selection_id","rank")
);
--> statement-breakpoint
CREATE TABLE "selections" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "selections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"pool_id" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"method" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_by" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lens_feature_scores" (
	"lens_id" text NOT NULL,
	"feature_id" bigint NOT NULL,
	"dimension" text NOT NULL,
	"score" real NOT NULL,
	CONSTRAINT "lens_feature_scores_lens_id_feature_id_dimension_pk" PRIMARY KEY("lens_id","feature_id","dimension")
);
--> statement-breakpoint
CREATE TABLE "lenses" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"model_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feature_neighbours" (
	"feature_id" bigint NOT NULL,
	"method" text NOT NULL,
	"rank" smallint NOT NULL,
	"neighbour_id" bigint NOT NULL,
	"score" real NOT NULL,
	CONSTRAINT "feature_neighbours_feature_id_method_rank_pk" PRIMARY KEY("feature_id","method","rank"),
	CONSTRAINT "feature_neighbours_method_check" CHECK ("feature_neighbours"."method" in ('decoder_cosine', 'coactivation'))
);
--> statement-breakpoint
CREATE TABLE "feature_logit_effects" (
	"feature_id" bigint NOT NULL,
	"direction" text NOT NULL,
	"rank" smallint NOT NULL,
	"token_id" integer NOT NULL,
	"token" text NOT NULL,
	"value" real NOT NULL,
	CONSTRAINT "feature_logit_effects_feature_id_direction_rank_pk" PRIMARY KEY("feature_id","direction","rank"),
	CONSTRAINT "feature_logit_effects_direction_check" CHECK ("feature_logit_effects"."direction" in ('positive', 'negative'))
);
--> statement-breakpoint
ALTER TABLE "contexts" ADD CONSTRAINT "contexts_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contexts" ADD CONSTRAINT "contexts_corpus_id_corpora_id_fk" FOREIGN KEY ("corpus_id") REFERENCES "public"."corpora"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saes" ADD CONSTRAINT "saes_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saes" ADD CONSTRAINT "saes_corpus_id_corpora_id_fk" FOREIGN KEY ("corpus_id") REFERENCES "public"."corpora"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saes" ADD CONSTRAINT "saes_build_id_builds_id_fk" FOREIGN KEY ("build_id") REFERENCES "public"."builds"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_decoders" ADD CONSTRAINT "feature_decoders_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_decoders" ADD CONSTRAINT "feature_decoders_sae_id_saes_id_fk" FOREIGN KEY ("sae_id") REFERENCES "public"."saes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_histogram_bins" ADD CONSTRAINT "feature_histogram_bins_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_quantile_bins" ADD CONSTRAINT "feature_quantile_bins_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "features" ADD CONSTRAINT "features_sae_id_saes_id_fk" FOREIGN KEY ("sae_id") REFERENCES "public"."saes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_examples" ADD CONSTRAINT "feature_examples_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_examples" ADD CONSTRAINT "feature_examples_context_id_contexts_id_fk" FOREIGN KEY ("context_id") REFERENCES "public"."contexts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_versions" ADD CONSTRAINT "label_versions_label_id_labels_id_fk" FOREIGN KEY ("label_id") REFERENCES "public"."labels"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_versions" ADD CONSTRAINT "label_versions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_votes" ADD CONSTRAINT "label_votes_label_version_id_label_versions_id_fk" FOREIGN KEY ("label_version_id") REFERENCES "public"."label_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "label_votes" ADD CONSTRAINT "label_votes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "labels" ADD CONSTRAINT "labels_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_source_sae_id_saes_id_fk" FOREIGN KEY ("source_sae_id") REFERENCES "public"."saes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comparison_runs" ADD CONSTRAINT "comparison_runs_target_sae_id_saes_id_fk" FOREIGN KEY ("target_sae_id") REFERENCES "public"."saes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_matches" ADD CONSTRAINT "feature_matches_run_id_comparison_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."comparison_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_matches" ADD CONSTRAINT "feature_matches_source_feature_id_features_id_fk" FOREIGN KEY ("source_feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_matches" ADD CONSTRAINT "feature_matches_target_feature_id_features_id_fk" FOREIGN KEY ("target_feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_pools" ADD CONSTRAINT "data_pools_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_pools" ADD CONSTRAINT "data_pools_corpus_id_corpora_id_fk" FOREIGN KEY ("corpus_id") REFERENCES "public"."corpora"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_pools" ADD CONSTRAINT "data_pools_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_sample_activations" ADD CONSTRAINT "pool_sample_activations_sample_id_pool_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."pool_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_sample_activations" ADD CONSTRAINT "pool_sample_activations_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_samples" ADD CONSTRAINT "pool_samples_pool_id_data_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."data_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pool_samples" ADD CONSTRAINT "pool_samples_context_id_contexts_id_fk" FOREIGN KEY ("context_id") REFERENCES "public"."contexts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_features" ADD CONSTRAINT "selection_features_selection_id_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."selections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_features" ADD CONSTRAINT "selection_features_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_items" ADD CONSTRAINT "selection_items_selection_id_selections_id_fk" FOREIGN KEY ("selection_id") REFERENCES "public"."selections"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selection_items" ADD CONSTRAINT "selection_items_sample_id_pool_samples_id_fk" FOREIGN KEY ("sample_id") REFERENCES "public"."pool_samples"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_pool_id_data_pools_id_fk" FOREIGN KEY ("pool_id") REFERENCES "public"."data_pools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "selections" ADD CONSTRAINT "selections_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lens_feature_scores" ADD CONSTRAINT "lens_feature_scores_lens_id_lenses_id_fk" FOREIGN KEY ("lens_id") REFERENCES "public"."lenses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lens_feature_scores" ADD CONSTRAINT "lens_feature_scores_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lenses" ADD CONSTRAINT "lenses_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_neighbours" ADD CONSTRAINT "feature_neighbours_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_neighbours" ADD CONSTRAINT "feature_neighbours_neighbour_id_features_id_fk" FOREIGN KEY ("neighbour_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_logit_effects" ADD CONSTRAINT "feature_logit_effects_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "contexts_corpus_idx" ON "contexts" USING btree ("corpus_id");--> statement-breakpoint
CREATE INDEX "builds_sae_idx" ON "builds" USING btree ("sae_id","started_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "saes_model_idx" ON "saes" USING btree ("model_id");--> statement-breakpoint
CREATE INDEX "feature_decoders_sae_idx" ON "feature_decoders" USING btree ("sae_id");--> statement-breakpoint
CREATE INDEX "feature_examples_context_idx" ON "feature_examples" USING btree ("context_id");--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "label_versions_search_idx" ON "label_versions" USING gin ("search");--> statement-breakpoint
CREATE INDEX "label_votes_user_idx" ON "label_votes" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "labels_feature_idx" ON "labels" USING btree ("feature_id");--> statement-breakpoint
CREATE INDEX "comparison_runs_pair_idx" ON "comparison_runs" USING btree ("source_sae_id","target_sae_id");--> statement-breakpoint
CREATE INDEX "feature_matches_target_idx" ON "feature_matches" USING btree ("target_feature_id","run_id");--> statement-breakpoint
CREATE INDEX "feature_matches_source_idx" ON "feature_matches" USING btree ("source_feature_id");--> statement-breakpoint
CREATE INDEX "pool_sample_activations_feature_idx" ON "pool_sample_activations" USING btree ("feature_id","max_value" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "pool_samples_context_idx" ON "pool_samples" USING btree ("context_id");--> statement-breakpoint
CREATE INDEX "selection_items_sample_idx" ON "selection_items" USING btree ("sample_id");--> statement-breakpoint
CREATE INDEX "selections_pool_idx" ON "selections" USING btree ("pool_id");--> statement-breakpoint
CREATE INDEX "lens_feature_scores_feature_idx" ON "lens_feature_scores" USING btree ("feature_id");--> statement-breakpoint
CREATE INDEX "lens_feature_scores_rank_idx" ON "lens_feature_scores" USING btree ("lens_id","dimension","score" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "feature_neighbours_neighbour_idx" ON "feature_neighbours" USING btree ("neighbour_id");