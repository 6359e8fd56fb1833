ALTER TABLE "annotation_events" ADD COLUMN "actor_id" uuid;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "analysts_may_segment" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "annotation_events" ADD CONSTRAINT "annotation_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "annotation_events_actor_id_index" ON "annotation_events" USING btree ("actor_id");