CREATE TABLE "claim_key_counts" (
	"project_id" uuid NOT NULL,
	"key" bigint NOT NULL,
	"sentences" integer NOT NULL,
	CONSTRAINT "claim_key_counts_project_id_key_pk" PRIMARY KEY("project_id","key")
);
--> statement-breakpoint
ALTER TABLE "claim_key_counts" ADD CONSTRAINT "claim_key_counts_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Claim candidates by words instead of trigrams: the GiST nearest-neighbour scan read far into
-- its index on varied text (1.7 s for one article's candidates among 800 real articles). A
-- claim key is a word of a sentence's claim text hashed with its project, so one GIN index
-- serves every project and a key's count is its project's alone.
CREATE FUNCTION claim_keys_of(project_id uuid, claim_text text) RETURNS bigint[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN (SELECT coalesce(array_agg(DISTINCT hashtextextended(project_id::text || ' ' || word, 0)), '{}')
    FROM unnest(string_to_array(claim_text, ' ')) AS word WHERE word <> '');--> statement-breakpoint
ALTER TABLE "sentences" ADD COLUMN "claim_keys" bigint[];--> statement-breakpoint
UPDATE "sentences" SET "claim_keys" = claim_keys_of(d.project_id, sentences.claim_text)
  FROM "documents" d WHERE d.id = sentences.document_id AND sentences.claim_text IS NOT NULL;--> statement-breakpoint
INSERT INTO "claim_key_counts" ("project_id", "key", "sentences")
  SELECT d.project_id, k.key, count(*) FROM "sentences" s JOIN "documents" d ON d.id = s.document_id,
    unnest(s.claim_keys) AS k(key)
  GROUP BY d.project_id, k.key;--> statement-breakpoint
-- No pending list: the linker writes a few dozen rows at a time, and a long pending list (read
-- in full by every lookup until a vacuum merges it) made one lookup of 13 keys take 7 ms, not 1.
CREATE INDEX "sentences_claim_keys_index" ON "sentences" USING gin ("claim_keys") WITH (fastupdate = off);--> statement-breakpoint
DROP INDEX IF EXISTS "sentences_claim_text_trigram_index";
