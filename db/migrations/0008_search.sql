CREATE TABLE "feature_search_documents" (
	"feature_id" bigint PRIMARY KEY NOT NULL,
	"sae_id" text NOT NULL,
	"density" real NOT NULL,
	"label_text" text NOT NULL,
	"label_sources" text[] NOT NULL,
	"peak_text" text NOT NULL,
	"context_text" text NOT NULL,
	"parts" jsonb NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (setweight(to_tsvector('english', "label_text"), 'A') || setweight(to_tsvector('english', "peak_text"), 'B') || setweight(to_tsvector('english', "context_text"), 'C')) STORED NOT NULL,
	"embedding" halfvec,
	"embedder_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"format_version" smallint NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_embedders" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"version" text NOT NULL,
	"checksum" text NOT NULL,
	"dimensions" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_embedders_dimensions_check" CHECK ("search_embedders"."dimensions" between 1 and 4000)
);
--> statement-breakpoint
ALTER TABLE "feature_search_documents" ADD CONSTRAINT "feature_search_documents_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_search_documents" ADD CONSTRAINT "feature_search_documents_sae_id_saes_id_fk" FOREIGN KEY ("sae_id") REFERENCES "public"."saes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "feature_search_documents" ADD CONSTRAINT "feature_search_documents_embedder_id_search_embedders_id_fk" FOREIGN KEY ("embedder_id") REFERENCES "public"."search_embedders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feature_search_documents_search_idx" ON "feature_search_documents" USING gin ("search");--> statement-breakpoint
CREATE INDEX "feature_search_documents_sae_idx" ON "feature_search_documents" USING btree ("sae_id");--> statement-breakpoint
CREATE INDEX "feature_search_documents_embedder_idx" ON "feature_search_documents" USING btree ("embedder_id");