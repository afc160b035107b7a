CREATE TABLE "map_clusters" (
	"sae_id" text NOT NULL,
	"cluster" integer NOT NULL,
	"caption" text NOT NULL,
	"x" real NOT NULL,
	"y" real NOT NULL,
	"size" integer NOT NULL,
	CONSTRAINT "map_clusters_sae_id_cluster_pk" PRIMARY KEY("sae_id","cluster")
);
--> statement-breakpoint
ALTER TABLE "features" ADD COLUMN "map_cluster" integer;--> statement-breakpoint
ALTER TABLE "map_clusters" ADD CONSTRAINT "map_clusters_sae_id_saes_id_fk" FOREIGN KEY ("sae_id") REFERENCES "public"."saes"("id") ON DELETE cascade ON UPDATE no action;