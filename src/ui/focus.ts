// Where focus goes when a screen appears: to its heading, so a keyboard or screen-reader user starts at the
// top of what just opened (a form, or the list a Save went back to) and hears its name. Not on the page's
// first load: there the browser's own order starts with the skip link.
import type { RefObject } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { hasMoved } from '../lib/router';

export function useFocusOnArrival(ref: RefObject<HTMLElement>) {
  // Layout effect: focus moves as the screen appears, never under a person who already started typing.
  useLayoutEffect(() => {
    if (hasMoved()) ref.current?.focus({ preventScroll: false });
  }, []);
}
