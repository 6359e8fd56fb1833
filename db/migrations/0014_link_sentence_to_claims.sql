ALTER TABLE "claim_links" DROP CONSTRAINT "claim_links_sentenceId_unique";--> statement-breakpoint
CREATE INDEX "claim_links_sentence_id_index" ON "claim_links" USING btree ("sentence_id");--> statement-breakpoint
ALTER TABLE "claim_links" ADD CONSTRAINT "claim_links_claimId_sentenceId_unique" UNIQUE("claim_id","sentence_id");