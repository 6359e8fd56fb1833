import { relations } from 'drizzle-orm';
import { annotationEvents, annotations } from './annotations.ts';
import { documents, sentences } from './documents.ts';
import { assignments, projectMembers } from './members.ts';
import { labels, projects } from './projects.ts';
import { accounts, sessions, users } from './users.ts';

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  accounts: many(accounts),
  memberships: many(projectMembers),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const accountsRelations = relations(accounts, ({ one }) => ({
  user: one(users, { fields: [accounts.userId], references: [users.id] }),
}));

export const projectsRelations = relations(projects, ({ many }) => ({
  labels: many(labels),
  documents: many(documents),
  members: many(projectMembers),
}));

export const projectMembersRelations = relations(projectMembers, ({ one }) => ({
  project: one(projects, { fields: [projectMembers.projectId], references: [projects.id] }),
  user: one(users, { fields: [projectMembers.userId], references: [users.id] }),
}));

export const assignmentsRelations = relations(assignments, ({ one }) => ({
  document: one(documents, { fields: [assignments.documentId], references: [documents.id] }),
  user: one(users, { fields: [assignments.userId], references: [users.id] }),
}));

export const labelsRelations = relations(labels, ({ one }) => ({
  project: one(projects, { fields: [labels.projectId], references: [projects.id] }),
}));

export const documentsRelations = relations(documents, ({ one, many }) => ({
  project: one(projects, { fields: [documents.projectId], references: [projects.id] }),
  creator: one(users, { fields: [documents.createdBy], references: [users.id] }),
  sentences: many(sentences),
}));

export const sentencesRelations = relations(sentences, ({ one, many }) => ({
  document: one(documents, { fields: [sentences.documentId], references: [documents.id] }),
  annotations: many(annotations),
}));

export const annotationsRelations = relations(annotations, ({ one }) => ({
  sentence: one(sentences, { fields: [annotations.sentenceId], references: [sentences.id] }),
  annotator: one(users, { fields: [annotations.annotatorId], references: [users.id] }),
  label: one(labels, { fields: [annotations.labelId], references: [labels.id] }),
}));

export const annotationEventsRelations = relations(annotationEvents, ({ one }) => ({
  sentence: one(sentences, { fields: [annotationEvents.sentenceId], references: [sentences.id] }),
  annotator: one(users, { fields: [annotationEvents.annotatorId], references: [users.id] }),
}));
