// The toast queue: an Undo stays until dismissed or replaced (WCAG 2.2.1), plain messages still go.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clearToasts, dismissToast, showToast, toasts } from '../../src/ui/toast';

const messages = () => toasts.value.map((t) => t.message);

describe('toasts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    clearToasts();
  });
  afterEach(() => {
    clearToasts();
    vi.useRealTimers();
  });

  it('keeps a toast with an action however long the person takes', () => {
    showToast('Deleted.', 'info', { label: 'Undo', run: () => undefined });
    vi.advanceTimersByTime(60 * 60_000);
    expect(messages()).toEqual(['Deleted.']);
  });

  it('lets a plain message go by itself', () => {
    showToast('Saved.', 'success');
    vi.advanceTimersByTime(60 * 60_000);
    expect(messages()).toEqual([]);
  });

  it('replaces an older action with a newer one, and goes when dismissed', () => {
    showToast('Deleted A.', 'info', { label: 'Undo', run: () => undefined });
    showToast('Saved.', 'success');
    const id = showToast('Deleted B.', 'info', { label: 'Undo', run: () => undefined });
    expect(messages()).toEqual(['Saved.', 'Deleted B.']);
    dismissToast(id);
    expect(messages()).toEqual(['Saved.']);
  });
});
