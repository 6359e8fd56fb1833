ALTER TABLE "sentences" ADD COLUMN "claim_text" text;--> statement-breakpoint
-- Claim candidates are the nearest sentences by trigram distance over the words the scorer
-- compares (synonyms joined, attribution and topic words left out), not over the raw text:
-- on the claim-links development events the raw text put 60% of the gold pairs among a
-- sentence's 12 nearest, the claim text 86% (20 nearest: 90%).
DROP INDEX IF EXISTS "sentences_text_trigram_index";--> statement-breakpoint
CREATE INDEX "sentences_claim_text_trigram_index" ON "sentences" USING gist ("claim_text" gist_trgm_ops);
