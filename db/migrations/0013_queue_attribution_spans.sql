CREATE TABLE "attribution_span_queue" (
	"document_id" uuid PRIMARY KEY NOT NULL,
	"queued_order" bigint GENERATED ALWAYS AS IDENTITY (sequence name "attribution_span_queue_queued_order_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attribution_span_queue" ADD CONSTRAINT "attribution_span_queue_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;