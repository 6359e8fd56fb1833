CREATE TABLE "report_analyst_counts" (
	"document_id" uuid NOT NULL,
	"annotator_id" uuid NOT NULL,
	"labelled" integer NOT NULL,
	"accepted" integer NOT NULL,
	"same_label" integer NOT NULL,
	"other_label" integer NOT NULL,
	"no_suggestion" integer NOT NULL,
	"unrecorded" integer NOT NULL,
	"with_gold" integer NOT NULL,
	"matching_gold" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_gold_counts" (
	"document_id" uuid NOT NULL,
	"gold" text,
	"status" text NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_pair_counts" (
	"document_id" uuid NOT NULL,
	"first" text NOT NULL,
	"second" text NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_source_counts" (
	"document_id" uuid NOT NULL,
	"source" text NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_stale_documents" (
	"document_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_suggestion_counts" (
	"document_id" uuid NOT NULL,
	"suggested" text NOT NULL,
	"gold" text NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_analyst_counts_document_id_index" ON "report_analyst_counts" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "report_gold_counts_document_id_index" ON "report_gold_counts" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "report_pair_counts_document_id_index" ON "report_pair_counts" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "report_source_counts_document_id_index" ON "report_source_counts" USING btree ("document_id");--> statement-breakpoint
CREATE INDEX "report_suggestion_counts_document_id_index" ON "report_suggestion_counts" USING btree ("document_id");--> statement-breakpoint
-- Hand-written: the triggers that keep the report counts true. Whatever changes a sentence, a
-- label, a reviewer's decision or an assignment (the API, an import, a split or merge, a
-- cascade from a deleted user) appends the documents it touched to report_stale_documents, in
-- the same transaction; refreshReportCounts (db/src/queries/report-counts.ts) recomputes those.
-- Statement-level with transition tables: an import of 10,000 documents marks them in one
-- insert, a save in one small one. ENABLE ALWAYS: they fire under session_replication_role =
-- replica too, as bulk loaders set it.
CREATE FUNCTION report_mark_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale_documents (document_id) SELECT DISTINCT document_id FROM changed;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_mark_updated_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale_documents (document_id)
  SELECT document_id FROM old_rows UNION SELECT document_id FROM new_rows;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Rows of a sentence that is itself deleted in the same statement find no sentence here; the
-- sentence's own trigger marks its document.
CREATE FUNCTION report_mark_sentence_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale_documents (document_id)
  SELECT DISTINCT s.document_id FROM changed JOIN sentences s ON s.id = changed.sentence_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION report_mark_updated_sentence_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO report_stale_documents (document_id)
  SELECT s.document_id FROM sentences s
  WHERE s.id IN (SELECT sentence_id FROM old_rows UNION SELECT sentence_id FROM new_rows)
  GROUP BY s.document_id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER report_sentences_inserted AFTER INSERT ON sentences REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_documents();
--> statement-breakpoint
CREATE TRIGGER report_sentences_deleted AFTER DELETE ON sentences REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_documents();
--> statement-breakpoint
CREATE TRIGGER report_sentences_updated AFTER UPDATE ON sentences
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_updated_documents();
--> statement-breakpoint
CREATE TRIGGER report_assignments_inserted AFTER INSERT ON assignments REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_documents();
--> statement-breakpoint
CREATE TRIGGER report_assignments_deleted AFTER DELETE ON assignments REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_documents();
--> statement-breakpoint
CREATE TRIGGER report_assignments_updated AFTER UPDATE ON assignments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_updated_documents();
--> statement-breakpoint
CREATE TRIGGER report_annotations_inserted AFTER INSERT ON annotations REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_sentence_documents();
--> statement-breakpoint
CREATE TRIGGER report_annotations_deleted AFTER DELETE ON annotations REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_sentence_documents();
--> statement-breakpoint
CREATE TRIGGER report_annotations_updated AFTER UPDATE ON annotations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_updated_sentence_documents();
--> statement-breakpoint
CREATE TRIGGER report_adjudications_inserted AFTER INSERT ON adjudications REFERENCING NEW TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_sentence_documents();
--> statement-breakpoint
CREATE TRIGGER report_adjudications_deleted AFTER DELETE ON adjudications REFERENCING OLD TABLE AS changed
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_sentence_documents();
--> statement-breakpoint
CREATE TRIGGER report_adjudications_updated AFTER UPDATE ON adjudications
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION report_mark_updated_sentence_documents();
--> statement-breakpoint
ALTER TABLE sentences ENABLE ALWAYS TRIGGER report_sentences_inserted;--> statement-breakpoint
ALTER TABLE sentences ENABLE ALWAYS TRIGGER report_sentences_deleted;--> statement-breakpoint
ALTER TABLE sentences ENABLE ALWAYS TRIGGER report_sentences_updated;--> statement-breakpoint
ALTER TABLE assignments ENABLE ALWAYS TRIGGER report_assignments_inserted;--> statement-breakpoint
ALTER TABLE assignments ENABLE ALWAYS TRIGGER report_assignments_deleted;--> statement-breakpoint
ALTER TABLE assignments ENABLE ALWAYS TRIGGER report_assignments_updated;--> statement-breakpoint
ALTER TABLE annotations ENABLE ALWAYS TRIGGER report_annotations_inserted;--> statement-breakpoint
ALTER TABLE annotations ENABLE ALWAYS TRIGGER report_annotations_deleted;--> statement-breakpoint
ALTER TABLE annotations ENABLE ALWAYS TRIGGER report_annotations_updated;--> statement-breakpoint
ALTER TABLE adjudications ENABLE ALWAYS TRIGGER report_adjudications_inserted;--> statement-breakpoint
ALTER TABLE adjudications ENABLE ALWAYS TRIGGER report_adjudications_deleted;--> statement-breakpoint
ALTER TABLE adjudications ENABLE ALWAYS TRIGGER report_adjudications_updated;--> statement-breakpoint
-- A project's documents that are not archived, with what a report groups them by, read from
-- the index alone: a report joins them to each of its counts, and the table itself holds
-- every article's text.
CREATE INDEX "documents_report_index" ON "documents" ("project_id") INCLUDE ("id", "outlet", "published_at")
  WHERE "archived_at" IS NULL;--> statement-breakpoint
-- Databases that already hold documents: the first project report counts them all.
INSERT INTO report_stale_documents (document_id) SELECT id FROM documents;
