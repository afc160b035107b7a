CREATE TABLE "label_scores" (
	"label_version_id" bigint NOT NULL,
	"scorer" text NOT NULL,
	"scorer_version" text NOT NULL,
	"score" real NOT NULL,
	"n_pos" integer NOT NULL,
	"n_neg" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "label_scores_label_version_id_scorer_scorer_version_pk" PRIMARY KEY("label_version_id","scorer","scorer_version"),
	CONSTRAINT "label_scores_score_check" CHECK ("label_scores"."score" >= 0 and "label_scores"."score" <= 1)
);
--> statement-breakpoint
ALTER TABLE "label_scores" ADD CONSTRAINT "label_scores_label_version_id_label_versions_id_fk" FOREIGN KEY ("label_version_id") REFERENCES "public"."label_versions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "label_scores_scorer_idx" ON "label_scores" USING btree ("scorer","scorer_version");