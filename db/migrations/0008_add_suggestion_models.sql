CREATE TABLE "suggestion_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"project_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"gold_sentences" integer NOT NULL,
	"model" jsonb NOT NULL,
	"training_milliseconds" integer NOT NULL,
	"trained_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "suggestion_models_projectId_version_unique" UNIQUE("project_id","version")
);
--> statement-breakpoint
ALTER TABLE "suggestion_models" ADD CONSTRAINT "suggestion_models_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suggestion_models" ADD CONSTRAINT "suggestion_models_trained_by_users_id_fk" FOREIGN KEY ("trained_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;