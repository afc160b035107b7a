CREATE TABLE "feature_head_attributions" (
	"feature_id" bigint NOT NULL,
	"head" smallint NOT NULL,
	"share" real NOT NULL,
	CONSTRAINT "feature_head_attributions_feature_id_head_pk" PRIMARY KEY("feature_id","head"),
	CONSTRAINT "feature_head_attributions_head_check" CHECK ("feature_head_attributions"."head" >= 0),
	CONSTRAINT "feature_head_attributions_share_check" CHECK ("feature_head_attributions"."share" >= 0 and "feature_head_attributions"."share" <= 1)
);
--> statement-breakpoint
ALTER TABLE "feature_head_attributions" ADD CONSTRAINT "feature_head_attributions_feature_id_features_id_fk" FOREIGN KEY ("feature_id") REFERENCES "public"."features"("id") ON DELETE cascade ON UPDATE no action;