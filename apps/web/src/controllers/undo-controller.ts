// Undo for the annotate view: remembers each annotation change made in this session and
// reverts the last with Ctrl+Z (Cmd+Z on a Mac); the revert is a new edit through the save
// queue. Also takes h, which opens the selected sentence's history.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** What a sentence's annotation was before a change: `before` null means untagged. */
export interface UndoEntry<Value> {
  readonly sentenceId: string;
  readonly before: Value | null;
}

export interface UndoActions<Value> {
  /** Puts a sentence's annotation back as it was. */
  revert(entry: UndoEntry<Value>): void;
  /** Opens the selected sentence's history. */
  showHistory(): void;
  /** False while something else (a dialog, a mode) owns the keyboard. */
  isActive(): boolean;
}

/** How many changes undo remembers; older ones fall off. */
const undoLimit = 200;

export class UndoController<Value> implements ReactiveController {
  private readonly actions: UndoActions<Value>;
  private entries: UndoEntry<Value>[] = [];

  constructor(host: ReactiveControllerHost, actions: UndoActions<Value>) {
    this.actions = actions;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.handleKeydown);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.handleKeydown);
  }

  /** Remembers a change the analyst made, with the value it replaced. */
  record(sentenceId: string, before: Value | null): void {
    this.entries.push({ sentenceId, before });
    if (this.entries.length > undoLimit) this.entries.shift();
  }

  /** Forgets everything: a new document, or a split or merge that renumbered the sentences. */
  clear(): void {
    this.entries = [];
  }

  get canUndo(): boolean {
    return this.entries.length > 0;
  }

  /** Reverts the last remembered change; false when there is none. */
  undo(): boolean {
    const entry = this.entries.pop();
    if (!entry) return false;
    this.actions.revert(entry);
    return true;
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || !this.actions.isActive() || isTypingTarget(event)) return;
    const isUndo =
      (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'z';
    if (isUndo) {
      event.preventDefault();
      this.undo();
      return;
    }
    if (event.key === 'h' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.actions.showHistory();
    }
  };
}

/** Text fields keep their own undo and their own letters. */
function isTypingTarget(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  return (
    target instanceof HTMLElement && (target.isContentEditable || target.matches('input, textarea, select'))
  );
}
