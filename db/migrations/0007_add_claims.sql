CREATE TABLE "claim_link_rejections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sentence_id" uuid NOT NULL,
	"other_sentence_id" uuid NOT NULL,
	"rejected_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_link_rejections_sentenceId_otherSentenceId_unique" UNIQUE("sentence_id","other_sentence_id")
);
--> statement-breakpoint
CREATE TABLE "claim_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"claim_id" uuid NOT NULL,
	"sentence_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"tier" text DEFAULT 'suggested' NOT NULL,
	"score" real NOT NULL,
	"attribution" text NOT NULL,
	"evidence" jsonb NOT NULL,
	"decided_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "claim_links_sentenceId_unique" UNIQUE("sentence_id")
);
--> statement-breakpoint
CREATE TABLE "claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "claim_link_rejections" ADD CONSTRAINT "claim_link_rejections_sentence_id_sentences_id_fk" FOREIGN KEY ("sentence_id") REFERENCES "public"."sentences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_link_rejections" ADD CONSTRAINT "claim_link_rejections_other_sentence_id_sentences_id_fk" FOREIGN KEY ("other_sentence_id") REFERENCES "public"."sentences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_link_rejections" ADD CONSTRAINT "claim_link_rejections_rejected_by_users_id_fk" FOREIGN KEY ("rejected_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_claim_id_claims_id_fk" FOREIGN KEY ("claim_id") REFERENCES "public"."claims"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_sentence_id_sentences_id_fk" FOREIGN KEY ("sentence_id") REFERENCES "public"."sentences"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "claims" ADD CONSTRAINT "claims_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "claim_link_rejections_other_sentence_id_index" ON "claim_link_rejections" USING btree ("other_sentence_id");--> statement-breakpoint
CREATE INDEX "claim_links_claim_id_index" ON "claim_links" USING btree ("claim_id");--> statement-breakpoint
CREATE INDEX "claim_links_document_id_index" ON "claim_links" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "claims_project_id_index" ON "claims" USING btree ("project_id");--> statement-breakpoint
-- Candidates for claim linking: nearest sentence texts by trigram distance (pg_trgm GiST; PGlite
-- ships it as an extension the client loads).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX "sentences_text_trigram_index" ON "sentences" USING gist ("text" gist_trgm_ops);
