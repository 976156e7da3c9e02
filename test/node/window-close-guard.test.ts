import { EventEmitter } from 'node:events';
import type { MessageBoxSyncOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { LEAVE_BUTTON, STAY_BUTTON, UNSAVED_CHANGES_DIALOG, handleWillPreventUnload, installCloseGuard } from '../../main/window/close-guard';

function unloadEvent() {
  return { preventDefault: vi.fn() };
}

describe('unsaved-changes close guard', () => {
  it('asks with Leave and Stay, Stay being the default and the cancel answer', () => {
    const seen: MessageBoxSyncOptions[] = [];
    handleWillPreventUnload(unloadEvent(), (options) => {
      seen.push(options);
      return STAY_BUTTON;
    });
    expect(seen).toHaveLength(1);
    const options = seen[0];
    expect(options?.message).toBe("You have unsaved changes to this reader's details. Leave without saving?");
    expect(options?.buttons?.[LEAVE_BUTTON]).toBe('Leave');
    expect(options?.buttons?.[STAY_BUTTON]).toBe('Stay');
    expect(options?.defaultId).toBe(STAY_BUTTON);
    expect(options?.cancelId).toBe(STAY_BUTTON);
  });

  it('lets the unload go ahead (preventDefault) when the agent chooses Leave', () => {
    const event = unloadEvent();
    handleWillPreventUnload(event, () => LEAVE_BUTTON);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['Stay', STAY_BUTTON],
    ['Escape / closing the dialog (cancelId)', UNSAVED_CHANGES_DIALOG.cancelId ?? -1],
    ['an unexpected answer', 7],
  ])('keeps the page (no preventDefault) on %s', (_what, choice) => {
    const event = unloadEvent();
    handleWillPreventUnload(event, () => choice);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('listens for will-prevent-unload on the window contents', () => {
    const contents = new EventEmitter();
    const showMessageBox = vi.fn(() => LEAVE_BUTTON);
    installCloseGuard(contents, showMessageBox);

    const event = unloadEvent();
    contents.emit('will-prevent-unload', event);

    expect(showMessageBox).toHaveBeenCalledTimes(1);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
  });

  it('does not let a dialog implementation change the shared dialog options', () => {
    handleWillPreventUnload(unloadEvent(), (options) => {
      options.buttons?.reverse();
      options.defaultId = 0;
      return STAY_BUTTON;
    });
    expect(UNSAVED_CHANGES_DIALOG.buttons).toEqual(['Leave', 'Stay']);
    expect(UNSAVED_CHANGES_DIALOG.defaultId).toBe(STAY_BUTTON);
  });
});
