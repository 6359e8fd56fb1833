// The annotate view's keyboard shortcuts, listened for on the window while the view is shown,
// so they work wherever focus is on the page except in text fields and open dialogs.
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface AnnotateKeyboardActions {
  /** Moves the selection by `step` annotatable sentences (negative: up). */
  move(step: number): void;
  /** Moves the selection to the first or last annotatable sentence. */
  moveToEnd(end: 'first' | 'last'): void;
  /** Moves to the next unlabelled sentence: least sure first with the active queue, else in order. */
  moveToNextInQueue(): void;
  /** Tags the selected sentence with the label whose hotkey is `hotkey`; false when none has it. */
  tag(hotkey: string): boolean;
  clear(): void;
  acceptSuggestion(): void;
  /** Enters split mode on the selected sentence. */
  startSplit(): void;
  mergeWithNext(): void;
  /** Enters cue-marking mode on the selected sentence. */
  startCueMarking(): void;
  /** Moves focus to the evidence panel's source field. */
  editSource(): void;
  /**
   * Gives a key to split or cue-marking mode first (arrows, Enter, Escape); true when the mode
   * used it. Called before the other shortcuts, with modifier keys too.
   */
  handleModeKey(event: KeyboardEvent): boolean;
  /** Confirms (`confirm`) or rejects the focused claim link of the selected sentence (one of its claims). */
  decideClaimLink(decision: 'confirm' | 'reject'): void;
  /** Applies the label given most often to the selected sentence's claim, saying so. */
  applyClaimLabel(): void;
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
  {
    keys: ['n'],
    action:
      "Next unlabelled sentence: where the rules and the model disagree or the model is least sure first, when the project's active queue is on; else in order",
  },
  { keys: ['Backspace', 'Delete'], action: 'Clear the label' },
  { keys: ['a'], action: 'Accept the suggestion (its label, source, chain and cues)' },
  { keys: ['s'], action: 'Split the sentence: pick the point, then Enter' },
  { keys: ['m'], action: 'Merge the sentence with the next one' },
  { keys: ['c'], action: 'Mark cue words: pick them, then Enter' },
  { keys: ['e'], action: 'Edit the source' },
  { keys: ['h'], action: "Show the sentence's history" },
  { keys: ['l'], action: "Confirm the sentence's focused claim link (in the claim panel)" },
  { keys: ['Shift+L'], action: "Reject the sentence's focused claim link (in the claim panel)" },
  { keys: ['p'], action: "Apply the label given most often to the sentence's focused claim" },
  { keys: ['Ctrl+Z', '⌘Z'], action: 'Undo the last change' },
  { keys: ['←', '→'], action: 'Split mode: move the split point; cue mode: move to a word' },
  { keys: ['Ctrl+←', 'Ctrl+→'], action: 'Split mode: move the split point word by word' },
  { keys: ['Shift+←', 'Shift+→'], action: 'Cue mode: extend the cue by a word' },
  { keys: ['Enter'], action: 'Split mode: split here; cue mode: add the cue' },
  { keys: ['g'], action: 'Open the guidelines' },
  { keys: ['?'], action: 'Show this help' },
  { keys: ['Esc'], action: 'Leave split or cue mode; close a dialog' },
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
    if (event.defaultPrevented || !this.actions.isActive() || isTypingTarget(event)) return;
    if (this.actions.handleModeKey(event)) {
      event.preventDefault();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
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
      case 'n':
        this.actions.moveToNextInQueue();
        return true;
      case 'Backspace':
      case 'Delete':
        this.actions.clear();
        return true;
      case 'a':
        this.actions.acceptSuggestion();
        return true;
      case 's':
        this.actions.startSplit();
        return true;
      case 'm':
        this.actions.mergeWithNext();
        return true;
      case 'c':
        this.actions.startCueMarking();
        return true;
      case 'e':
        this.actions.editSource();
        return true;
      case 'l':
        this.actions.decideClaimLink('confirm');
        return true;
      case 'L':
        this.actions.decideClaimLink('reject');
        return true;
      case 'p':
        this.actions.applyClaimLabel();
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
