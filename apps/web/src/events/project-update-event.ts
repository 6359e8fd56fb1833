import type { Project } from '@attest/core';

/** A settings section saved a change to the project; carries the project as the server holds it. */
export class ProjectUpdateEvent extends Event {
  static readonly eventName = 'attest-project-update';
  readonly project: Project;

  constructor(project: Project) {
    super(ProjectUpdateEvent.eventName, { bubbles: true, composed: true });
    this.project = project;
  }
}

declare global {
  interface HTMLElementEventMap {
    [ProjectUpdateEvent.eventName]: ProjectUpdateEvent;
  }
}
