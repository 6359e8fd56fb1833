// The annotate view's keyboard shortcuts, listened for on the window while the view is shown,
// so they work wherever focus is on the page except in text fields and open dialogs.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface AnnotateKeyboardActions {
  /** Moves the selection by `step` annotatable sentences (negative: up). */
  move(step: number): void;
  /** Moves the selection to the first or last annotatable sentence. */
  moveToEnd(end: 'first' | 'last'): void;
  /** Tags the selected sentence with the label whose hotkey is `hotkey`; false when none has it. */
  tag(hotkey: string): boolean;
  clear(): void;
  acceptSuggestion(): void;
  showGuidelines(): void;
  showHelp(): void;
  /** False while something else (a dialog) owns the keyboard. */
  isActive(): boolean;
}

/** Every shortcut, for the help dialog; label hotkeys are listed from the project's labels. */
export const annotateShortcuts: ReadonlyArray<{ keys: readonly string[]; action: string }> = [
  { keys: ['↓', 'j'], action: 'Next sentence' },
  { keys: ['↑', 'k'], action: 'Previous sentence' },
  { keys: ['Home', 'End'], action: 'First / last sentence' },
  { keys: ['Backspace', 'Delete'], action: 'Clear the label' },
  { keys: ['a'], action: 'Accept the suggestion' },
  { keys: ['g'], action: 'Open the guidelines' },
  { keys: ['?'], action: 'Show this help' },
  { keys: ['Esc'], action: 'Close a dialog' },
];

export class AnnotateKeyboardController implements ReactiveController {
  private readonly actions: AnnotateKeyboardActions;

  constructor(host: ReactiveControllerHost, actions: AnnotateKeyboardActions) {
    this.actions = actions;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.handleKeydown);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.handleKeydown);
  }

  private readonly handleKeydown = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!this.actions.isActive() || isTypingTarget(event)) return;
    const handled = this.dispatch(event);
    if (handled) event.preventDefault();
  };

  private dispatch(event: KeyboardEvent): boolean {
    switch (event.key) {
      case 'ArrowDown':
      case 'j':
        this.actions.move(1);
        return true;
      case 'ArrowUp':
      case 'k':
        this.actions.move(-1);
        return true;
      case 'Home':
        this.actions.moveToEnd('first');
        return true;
      case 'End':
        this.actions.moveToEnd('last');
        return true;
      case 'Backspace':
      case 'Delete':
        this.actions.clear();
        return true;
      case 'a':
        this.actions.acceptSuggestion();
        return true;
      case 'g':
        this.actions.showGuidelines();
        return true;
      case '?':
        this.actions.showHelp();
        return true;
      default:
        return event.key.length === 1 && this.actions.tag(event.key);
    }
  }
}

/** True when the key press belongs to a text field, select or editable region. */
function isTypingTarget(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
